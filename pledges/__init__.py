"""Elections, apel ceremonies and attendance (issue 7), pakta integritas campaigns and signatures (issue 8)."""
