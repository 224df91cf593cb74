using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace Owox.Data.Query;

/// <summary>
/// Turns a <see cref="DataMartQuery"/> into the relative request URI of the HTTP Data endpoint (wire-protocol §3.2, §4):
/// repeated <c>column</c> parameters, the four configs as base64url JSON without padding, each checked
/// against the server's 8192-character cap, every value escaped with <see cref="Uri.EscapeDataString(string)"/>.
/// </summary>
internal static class QueryStringEncoder
{
    /// <summary>The server's limit on one encoded config parameter.</summary>
    public const int MaxEncodedParameterLength = 8192;

    public static string Encode(DataMartQuery query)
    {
        var builder = new StringBuilder(128);
        builder.Append(query.Target == QueryTarget.Report
            ? "api/external/http-data/reports/"
            : "api/external/http-data/data-marts/");
        builder.Append(Uri.EscapeDataString(query.Id)).Append(".ndjson");

        var separator = '?';
        if (query.Target == QueryTarget.DataMart)
        {
            foreach (var column in query.Columns)
                AppendParameter(builder, ref separator, "column", column);
            AppendConfig(builder, ref separator, "filter", query.Filters, WriteFilter);
            AppendConfig(builder, ref separator, "sort", query.Sort, WriteSort);
            AppendConfig(builder, ref separator, "aggregation", query.Aggregations, WriteAggregation);
            AppendConfig(builder, ref separator, "dateTrunc", query.DateTruncs, WriteDateTrunc);
        }
        if (query.Limit is int limit)
            AppendParameter(builder, ref separator, "limit", limit.ToString(CultureInfo.InvariantCulture));
        return builder.ToString();
    }

    /// <summary>
    /// <paramref name="path"/> (as <see cref="Encode"/> made it) with every parameter unescaped and the four configs
    /// decoded back to their JSON, for the Debug log that shows what a command became.
    /// </summary>
    public static string Decode(string path)
    {
        var question = path.IndexOf('?');
        if (question < 0)
            return path;
        var builder = new StringBuilder(path.Length * 2).Append(path, 0, question);
        var separator = '?';
        foreach (var pair in path.Substring(question + 1).Split('&'))
        {
            var equals = pair.IndexOf('=');
            var name = equals < 0 ? pair : pair.Substring(0, equals);
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair.Substring(equals + 1));
            if (name is "filter" or "sort" or "aggregation" or "dateTrunc")
                value = FromBase64Url(value);
            builder.Append(separator).Append(name).Append('=').Append(value);
            separator = '&';
        }
        return builder.ToString();
    }

    private static string FromBase64Url(string value)
    {
        var base64 = value.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
        return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
    }

    /// <summary>Base64url without padding of the UTF-8 JSON array of <paramref name="rules"/> (what the server decodes).</summary>
    public static string EncodeConfig<T>(IReadOnlyList<T> rules, Action<Utf8JsonWriter, T> write)
    {
        using var buffer = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var rule in rules)
            {
                writer.WriteStartObject();
                write(writer, rule);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        return Base64Url(buffer.GetBuffer(), (int)buffer.Length);
    }

    private static void AppendConfig<T>(StringBuilder builder, ref char separator, string name, List<T> rules, Action<Utf8JsonWriter, T> write)
    {
        if (rules.Count == 0)
            return;
        var encoded = EncodeConfig(rules, write);
        if (encoded.Length > MaxEncodedParameterLength)
        {
            throw new OwoxException(
                $"The '{name}' parameter encodes to {encoded.Length} characters, over the server's limit of {MaxEncodedParameterLength} per parameter. " +
                "Shorten it: split a long IN list across several queries, or filter on a range (BETWEEN) instead of listing values.");
        }
        AppendParameter(builder, ref separator, name, encoded);
    }

    private static void AppendParameter(StringBuilder builder, ref char separator, string name, string value)
    {
        builder.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
        separator = '&';
    }

    private static void WriteFilter(Utf8JsonWriter writer, FilterRule rule)
    {
        writer.WriteString("column", rule.Column);
        writer.WriteString("operator", rule.Operator.ToWire());
        if (rule.Value is not null)
        {
            writer.WritePropertyName("value");
            rule.Value.WriteTo(writer);
        }
        if (rule.Function is AggregateFunction function)
            writer.WriteString("function", function.ToWire());
    }

    private static void WriteSort(Utf8JsonWriter writer, SortRule rule)
    {
        writer.WriteString("column", rule.Column);
        writer.WriteString("direction", rule.Direction.ToWire());
    }

    private static void WriteAggregation(Utf8JsonWriter writer, AggregationRule rule)
    {
        writer.WriteString("column", rule.Column);
        writer.WriteString("function", rule.Function.ToWire());
    }

    private static void WriteDateTrunc(Utf8JsonWriter writer, DateTruncRule rule)
    {
        writer.WriteString("column", rule.Column);
        writer.WriteString("unit", rule.Unit.ToWire());
        if (rule.TimeZone is not null)
            writer.WriteString("timeZone", rule.TimeZone);
    }

    private static string Base64Url(byte[] bytes, int length)
    {
        var base64 = Convert.ToBase64String(bytes, 0, length);
        return base64.TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
