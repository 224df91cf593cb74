using System;
using System.Collections.Generic;
using System.Data;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Owox.Data.Query;

namespace Owox.Data.Tests.Query;

/// <summary>A fixed in-memory column catalog for translation tests.</summary>
internal sealed class TestCatalog : IColumnCatalog
{
    private readonly (string Name, string? Type)[] _columns;

    public TestCatalog(params (string Name, string? Type)[] columns) => _columns = columns;

    /// <summary>A data mart with one column of most storage categories.</summary>
    public static TestCatalog Default { get; } = new(
        ("date", "DATE"),
        ("ts", "TIMESTAMP"),
        ("region", "STRING"),
        ("revenue", "NUMERIC"),
        ("clicks", "INTEGER"),
        ("is_paid", "BOOLEAN"),
        ("metrics.revenue", "FLOAT"),
        ("Campaign Name", "STRING"),
        ("t", "TIME"),
        ("payload", "JSON"));

    public IReadOnlyList<string> ColumnNames => _columns.Select(c => c.Name).ToList();

    public string? StorageTypeOf(string column) => _columns.FirstOrDefault(c => c.Name == column).Type;
}

/// <summary>Runs the translator and decodes what it would send, the way the server would.</summary>
internal static class Translate
{
    /// <summary>The clock of every translation test: CURRENT_DATE is 2026-03-15, NOW() 2026-03-15 10:30:00 UTC.</summary>
    public static readonly DateTime Now = new(2026, 3, 15, 10, 30, 0, DateTimeKind.Utc);

    private static readonly JsonSerializerOptions s_canonical = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static DataMartQuery Sql(string sql, IColumnCatalog? catalog = null, params OwoxParameter[] parameters)
    {
        var parsed = CommandTextParser.Parse(sql, CommandType.Text);
        return parsed.Bind(parsed.Source, parameters, catalog, Translate.Now);
    }

    public static DataMartQuery Sql(string sql, params OwoxParameter[] parameters) => Sql(sql, null, parameters);

    public static OwoxParameter P(string name, object? value) => new(name, value);

    public static OwoxParameter P(string name, object? value, DbType type) => new(name, value) { DbType = type };

    /// <summary>The decoded JSON of the config parameter <paramref name="name"/> in canonical form, or null when it is absent.</summary>
    public static string? Config(DataMartQuery query, string name)
    {
        var values = Parameters(query).Where(p => p.Key == name).Select(p => p.Value).ToList();
        Assert.True(values.Count <= 1, $"'{name}' sent {values.Count} times");
        if (values.Count == 0)
            return null;
        var base64 = values[0].Replace('-', '+').Replace('_', '/');
        Assert.DoesNotContain("=", values[0]);
        base64 += new string('=', (4 - base64.Length % 4) % 4);
        return Canonical(Encoding.UTF8.GetString(Convert.FromBase64String(base64)));
    }

    public static string Filter(DataMartQuery query) => Config(query, "filter") ?? "null";

    /// <summary>The <c>column</c> parameters in order.</summary>
    public static string[] Columns(DataMartQuery query) => Parameters(query).Where(p => p.Key == "column").Select(p => p.Value).ToArray();

    public static string? Limit(DataMartQuery query) => Parameters(query).Where(p => p.Key == "limit").Select(p => p.Value).SingleOrDefault();

    public static List<KeyValuePair<string, string>> Parameters(DataMartQuery query)
    {
        var url = QueryStringEncoder.Encode(query);
        var q = url.IndexOf('?');
        var result = new List<KeyValuePair<string, string>>();
        if (q < 0)
            return result;
        foreach (var pair in url.Substring(q + 1).Split('&'))
        {
            var eq = pair.IndexOf('=');
            result.Add(new(Uri.UnescapeDataString(pair[..eq]), Uri.UnescapeDataString(pair[(eq + 1)..])));
        }
        return result;
    }

    public static string Canonical(string json) => JsonNode.Parse(json)!.ToJsonString(s_canonical);

    /// <summary>Asserts that the filter config equals <paramref name="expectedJson"/> (compared canonically).</summary>
    public static void AssertFilter(string expectedJson, DataMartQuery query) => Assert.Equal(Canonical(expectedJson), Filter(query));

    public static string Projection(DataMartQuery query) =>
        query.Projection is null ? "null" : string.Join("; ", query.Projection.Select(o => o.Key + " => " + o.Name));

    public static OwoxException Refused(string sql, IColumnCatalog? catalog = null, params OwoxParameter[] parameters) =>
        Assert.Throws<OwoxException>(() => Sql(sql, catalog, parameters));

    public static OwoxException Refused(string sql, params OwoxParameter[] parameters) => Refused(sql, null, parameters);

    /// <summary>Asserts that the message contains each of <paramref name="words"/>, ignoring case.</summary>
    public static void Mentions(Exception error, params string[] words)
    {
        foreach (var word in words)
            Assert.True(error.Message.Contains(word, StringComparison.OrdinalIgnoreCase), $"Expected '{word}' in: {error.Message}");
    }
}
