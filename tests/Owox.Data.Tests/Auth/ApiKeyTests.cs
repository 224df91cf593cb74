using System;
using System.Text;
using Owox.Data.Auth;

namespace Owox.Data.Tests.Auth;

public class ApiKeyTests
{
    private const string Secret = "EXAMPLEexampleEXAMPLEexampleEXAMPLEexample0";

    internal static string Encode(string json) =>
        "owox_key_" + Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Key(string origin = "https://app.owox.com", string id = "pmk_AbCdEfGhIjKlMnOpQrStUv", string secret = Secret) =>
        Encode($$"""{"apiOrigin":"{{origin}}","apiKeyId":"{{id}}","apiKeySecret":"{{secret}}"}""");

    [Fact]
    public void Parses_the_documented_example_key()
    {
        var key = ApiKey.Parse("owox_key_eyJhcGlPcmlnaW4iOiJodHRwczovL2FwcC5vd294LmNvbSIsImFwaUtleUlkIjoicG1rX0FiQ2RFZkdoSWpLbE1uT3BRclN0VXYiLCJhcGlLZXlTZWNyZXQiOiJFWEFNUExFZXhhbXBsZUVYQU1QTEVleGFtcGxlRVhBTVBMRWV4YW1wbGUwIn0");
        Assert.Equal("https://app.owox.com", key.ApiOrigin);
        Assert.Equal("pmk_AbCdEfGhIjKlMnOpQrStUv", key.ApiKeyId);
        Assert.Equal(Secret, key.ApiKeySecret);
        Assert.DoesNotContain(Secret, key.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HTTPS://App.OWOX.com:443/", "https://app.owox.com")]
    [InlineData("http://localhost:3000", "http://localhost:3000")]
    [InlineData("  https://h.example  ", "https://h.example")]
    public void Normalises_the_origin(string origin, string expected) =>
        Assert.Equal(expected, ApiKey.Parse(Key(origin)).ApiOrigin);

    [Fact]
    public void Trims_members() =>
        Assert.Equal("pmk_x", ApiKey.Parse(Key(id: "  pmk_x  ")).ApiKeyId);

    [Theory]
    [InlineData(null, "OWOX_API_KEY is required and must start with owox_key_")]
    [InlineData("", "OWOX_API_KEY is required and must start with owox_key_")]
    [InlineData("owox_kex_abc", "OWOX_API_KEY is required and must start with owox_key_")]
    [InlineData(" owox_key_abc", "OWOX_API_KEY is required and must start with owox_key_")]
    [InlineData("owox_key_", "OWOX_API_KEY must contain a valid base64url payload")]
    [InlineData("owox_key_abc=", "OWOX_API_KEY must contain a valid base64url payload")]
    [InlineData("owox_key_ab+c", "OWOX_API_KEY must contain a valid base64url payload")]
    [InlineData("owox_key_abc ", "OWOX_API_KEY must contain a valid base64url payload")]
    [InlineData("owox_key_a", "OWOX_API_KEY must contain a valid base64url payload")]
    public void Rejects_malformed_keys_with_the_official_messages(string? value, string message)
    {
        var e = Assert.Throws<OwoxException>(() => ApiKey.Parse(value));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "OWOX_API_KEY must contain a valid JSON payload")]
    [InlineData("[1,2]", "OWOX_API_KEY must contain a JSON object")]
    [InlineData("null", "OWOX_API_KEY must contain a JSON object")]
    [InlineData("""{"apiOrigin":"https://a.b","apiKeyId":"pmk_x"}""", "OWOX_API_KEY must include apiOrigin, apiKeyId, and apiKeySecret")]
    [InlineData("""{"apiOrigin":"https://a.b","apiKeyId":"  ","apiKeySecret":"s"}""", "OWOX_API_KEY must include apiOrigin, apiKeyId, and apiKeySecret")]
    [InlineData("""{"apiOrigin":"https://a.b","apiKeyId":"pmk_x","apiKeySecret":5}""", "OWOX_API_KEY must include apiOrigin, apiKeyId, and apiKeySecret")]
    [InlineData("""{"apiOrigin":"not a url","apiKeyId":"pmk_x","apiKeySecret":"s"}""", "OWOX_API_KEY apiOrigin must be a valid http or https origin")]
    [InlineData("""{"apiOrigin":"ftp://a.b","apiKeyId":"pmk_x","apiKeySecret":"s"}""", "OWOX_API_KEY apiOrigin must be a valid http or https origin")]
    [InlineData("""{"apiOrigin":"https://a.b/odm","apiKeyId":"pmk_x","apiKeySecret":"s"}""", "OWOX_API_KEY apiOrigin must be a valid http or https origin")]
    [InlineData("""{"apiOrigin":"https://u:p@a.b","apiKeyId":"pmk_x","apiKeySecret":"s"}""", "OWOX_API_KEY apiOrigin must be a valid http or https origin")]
    [InlineData("""{"apiOrigin":"https://a.b?x=1","apiKeyId":"pmk_x","apiKeySecret":"s"}""", "OWOX_API_KEY apiOrigin must be a valid http or https origin")]
    [InlineData("""{"apiOrigin":"https://a.b#f","apiKeyId":"pmk_x","apiKeySecret":"s"}""", "OWOX_API_KEY apiOrigin must be a valid http or https origin")]
    public void Rejects_bad_payloads_in_order(string json, string message)
    {
        var e = Assert.Throws<OwoxException>(() => ApiKey.Parse(Encode(json)));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Messages_never_contain_the_key_or_secret()
    {
        var key = Encode($$"""{"apiOrigin":"https://a.b/path","apiKeyId":"pmk_x","apiKeySecret":"{{Secret}}"}""");
        var e = Assert.Throws<OwoxException>(() => ApiKey.Parse(key));
        Assert.DoesNotContain(Secret, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key.Substring(9), e.Message, StringComparison.Ordinal);
    }
}
