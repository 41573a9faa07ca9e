using Crm.Core.Endpoint;

namespace Crm.Core.Tests.Endpoint;

public sealed class SecretRedactionTests
{
    [Theory]
    [InlineData("?command=getcompanies&apiKey=s3cret&userName=admin", "?command=getcompanies&apiKey=***&userName=admin")]
    [InlineData("apiKey=s3cret", "apiKey=***")]
    [InlineData("?APIKEY=s3cret&apikey=s3cret2", "?APIKEY=***&apikey=***")]
    [InlineData("?api%4Bey=s3cret", "?api%4Bey=***")]
    [InlineData("?%61piKey=s3cret&x=1", "?%61piKey=***&x=1")]
    [InlineData("?api_key=s3cret&api-key=s3cret", "?api_key=***&api-key=***")]
    [InlineData("?apiKey=a%3Db&apiKey=", "?apiKey=***&apiKey=***")]
    [InlineData("?command=x&userName=apiKey", "?command=x&userName=apiKey")]
    [InlineData("?apiKeyHint=visible", "?apiKeyHint=visible")]
    [InlineData("", "")]
    [InlineData("?", "?")]
    public void Query_masks_the_key_and_keeps_the_rest(string query, string expected)
    {
        Assert.Equal(expected, SecretRedaction.Query(query));
    }

    [Fact]
    public void Query_never_returns_the_value_of_a_key_parameter_whatever_its_encoding()
    {
        const string key = "Zk3+/=%25x";
        foreach (var name in new[] { "apiKey", "ApiKey", "api%4bey", "api%4Bey", "%41piKey", "api_key" })
        {
            var query = $"?userName=u&{name}={Uri.EscapeDataString(key)}&command=c";
            var redacted = SecretRedaction.Query(query);
            Assert.DoesNotContain(Uri.EscapeDataString(key), redacted, StringComparison.Ordinal);
            Assert.Contains("=***", redacted, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Url_masks_the_query_and_drops_the_fragment()
    {
        Assert.Equal(
            "https://crm.example.com/plugins/servlet/crm/api?command=getcompanies&apiKey=***",
            SecretRedaction.Url("https://crm.example.com/plugins/servlet/crm/api?command=getcompanies&apiKey=s3cret#apiKey=s3cret"));
        Assert.Equal("/plugins/servlet/crm/api", SecretRedaction.Url("/plugins/servlet/crm/api"));
    }

    [Fact]
    public void Parameters_mask_the_key()
    {
        var parameters = RequestParameters.From(new Dictionary<string, string>
        {
            ["command"] = "getcompanies",
            ["apiKey"] = "s3cret",
            ["userName"] = "admin",
        });

        var text = SecretRedaction.Parameters(parameters);

        Assert.DoesNotContain("s3cret", text, StringComparison.Ordinal);
        Assert.Contains("apiKey=***", text, StringComparison.Ordinal);
        Assert.Contains("userName=admin", text, StringComparison.Ordinal);
    }
}
