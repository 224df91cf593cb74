using System.Linq;
using Owox.Data.Query;
using static Owox.Data.Tests.Query.Translate;

namespace Owox.Data.Tests.Query;

public class EncodingCapTests
{
    [Fact]
    public void In_lists_of_500_values_pass_and_501_are_refused()
    {
        var five = string.Join(", ", Enumerable.Range(1, 500));
        var query = Sql($"SELECT * FROM m WHERE clicks IN ({five})");
        Assert.Equal(500, System.Text.Json.JsonDocument.Parse(Filter(query)).RootElement[0].GetProperty("value").GetArrayLength());

        var error = Refused($"SELECT * FROM m WHERE clicks NOT IN ({five}, 501)");
        Mentions(error, "501 values", "at most 500", "split");
    }

    [Fact]
    public void In_list_parameter_over_500_is_refused()
    {
        Mentions(Refused("SELECT * FROM m WHERE clicks IN @ids", P("ids", Enumerable.Range(0, 501).ToArray())), "501 values", "at most 500");
    }

    [Fact]
    public void A_config_over_8192_encoded_characters_is_refused_by_the_encoder()
    {
        var values = string.Join(", ", Enumerable.Range(0, 400).Select(i => $"'value-number-{i:D5}'"));
        var query = Sql($"SELECT * FROM m WHERE region IN ({values})");
        var error = Assert.Throws<OwoxException>(() => QueryStringEncoder.Encode(query));
        Mentions(error, "'filter'", "8192", "split");
    }

    [Fact]
    public void Url_escapes_names_and_sends_base64url_without_padding()
    {
        var query = Sql("SELECT \"a+b c\", \"x&y=z\" FROM \"id/1\" WHERE \"a+b c\" = '??>>'");
        var url = QueryStringEncoder.Encode(query);
        Assert.StartsWith("api/external/http-data/data-marts/id%2F1.ndjson?column=a%2Bb%20c&column=x%26y%3Dz&filter=", url);
        var filter = url.Split("filter=")[1];
        Assert.DoesNotContain("=", filter);
        Assert.DoesNotContain("+", filter);
        Assert.DoesNotContain("/", filter);
        AssertFilter("""[{"column":"a+b c","operator":"eq","value":"??>>"}]""", query);
    }
}
