"""People views, one module per area: accounts, staff (memberships), employees, roster."""
