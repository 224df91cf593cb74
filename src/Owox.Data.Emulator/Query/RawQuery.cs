using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Owox.Data.Emulator.Query;

/// <summary>
/// The query string as Node's <c>querystring</c> (Express's "simple" parser) sees it: keys are case-sensitive,
/// repeated keys collect in order, <c>+</c> is a space, malformed percent escapes stay literal.
/// </summary>
internal sealed class RawQuery : IQueryCollection
{
    private readonly Dictionary<string, StringValues> _values;

    private RawQuery(Dictionary<string, StringValues> values) => _values = values;

    public static RawQuery Parse(QueryString queryString)
    {
        var values = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        var text = queryString.HasValue ? queryString.Value!.TrimStart('?') : "";
        foreach (var pair in text.Split('&'))
        {
            if (pair.Length == 0)
            {
                continue;
            }

            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Decode(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : Decode(pair[(eq + 1)..]);
            values[key] = values.TryGetValue(key, out var existing) ? StringValues.Concat(existing, value) : new StringValues(value);
        }

        return new RawQuery(values);
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    public StringValues this[string key] => _values.TryGetValue(key, out var v) ? v : StringValues.Empty;

    public int Count => _values.Count;

    public ICollection<string> Keys => _values.Keys;

    public bool ContainsKey(string key) => _values.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out StringValues value) => _values.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, StringValues>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
