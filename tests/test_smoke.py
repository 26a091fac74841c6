def test_home_redirects_anonymous_to_login(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert "/akun/" in response["Location"] or "login" in response["Location"]
