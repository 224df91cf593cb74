using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using Owox.Data.Reading;
using Owox.Data.Schema;
using Owox.Data.Types;
using Xunit;

namespace Owox.Data.Tests.Reading;

/// <summary>
/// The tokenizer against an independent oracle (<see cref="JsonDocument"/>): for every line it either throws
/// <see cref="JsonException"/> exactly when the line is not one JSON object, or records for every column the same
/// token kind and text the document holds. This covers both the hand-written flat-object scanner and the
/// <see cref="Utf8JsonReader"/> path it falls back to.
/// </summary>
public sealed class RowTokenizerTests
{
    private const string ValueCharacters = "abcXYZ 019-:.éß";
    private const string MutationCharacters = "{}[],:\"\\0.-e+ tfn\u0001";

    private static readonly string[] Keys = ["date", "campaign", "clicks", "cost", "is_active", "note", "Row Count", "ключ"];

    private static ResultColumn[] Columns(params string[] keys) =>
        keys.Select(k => new ResultColumn(k, k, "STRING", OwoxValueKind.String, k, null, false)).ToArray();

    [Theory]
    [InlineData("""{"date":"2024-01-02","clicks":17,"cost":"12.50","is_active":true,"note":null}""")]
    [InlineData("""  { "date" : "2024-01-02" , "clicks" : -0.5e+3 ,"is_active":false }  """)]
    [InlineData("""{"note":"a \"quoted\" word","clicks":0}""")]
    [InlineData("""{"note":{"nested":[1,2,{"x":null}]},"clicks":1E2}""")]
    [InlineData("""{"note":[],"campaign":"Кампания 🚀"}""")]
    [InlineData("""{"ключ":"значение","clicks":3}""")]
    [InlineData("""{"Row Count":5,"clicks":3,"Row Count":6}""")]
    [InlineData("""{"clicks":1,"clicks":2}""")]
    [InlineData("""{}""")]
    [InlineData("{\"note\":\"tab\\tand\\u00e9\"}")]
    [InlineData("{\"cl\\u0069cks\":42}")]
    [InlineData("{\"note\":\"\\/\\b\\f\\n\\r\\t\\\"\\\\\\uABCD\\uabcd\\u0000\",\"clicks\":1}")]
    [InlineData("{\"note\":\"\\\\\",\"campaign\":\"C:\\\\ads\\\\promo #5\"}")]
    [InlineData("{\"note\":\"\\ud83d\\ude80 launch\"}")]
    [InlineData("{\"note\":\"\\ud83d\\ude80\\u00e9\\u20ac\\u0041 \\/ \\\\ \\\"end\\\"\"}")]
    [InlineData("{\"note\":\"\\uD83D\\uDE00 upper-case hex\\n\"}")]
    [InlineData("{\"note\":\"only at the end \\t\"}")]
    [InlineData("{\"note\":\"\\\\\\\\\\\\\"}")]
    public void Valid_rows_record_what_the_document_holds(string json) =>
        AssertMatchesOracle(Columns(Keys), json);

    [Theory]
    [InlineData("""{"clicks":01}""")]
    [InlineData("""{"clicks":1.}""")]
    [InlineData("""{"clicks":-}""")]
    [InlineData("""{"clicks":+1}""")]
    [InlineData("""{"clicks":.5}""")]
    [InlineData("""{"clicks":1e}""")]
    [InlineData("""{"clicks":1,}""")]
    [InlineData("""{"clicks":tru}""")]
    [InlineData("""{"clicks":truex}""")]
    [InlineData("""{"clicks":nul}""")]
    [InlineData("""{"clicks" 1}""")]
    [InlineData("""{"clicks":1""")]
    [InlineData("""{"clicks":"open}""")]
    [InlineData("""{"clicks":1}{"clicks":2}""")]
    [InlineData("""{"clicks":1} x""")]
    [InlineData("""[1,2]""")]
    [InlineData("""{clicks:1}""")]
    [InlineData("""{"note":"bad \x escape"}""")]
    [InlineData("{\"note\":\"raw\ttab\"}")]
    [InlineData("{\"note\":\"\\u12G4\"}")]
    [InlineData("{\"note\":\"\\u123\"}")]
    [InlineData("{\"note\":\"\\U0041\"}")]
    [InlineData("{\"note\":\"\\a\"}")]
    [InlineData("{\"note\":\"ends in a backslash\\\"}")]
    [InlineData("{\"note\":\"\\u00")]
    [InlineData("{\"no\nte\":1}")]
    [InlineData("""{"note":{"a":},"clicks":1}""")]
    [InlineData("""{"note":[1,],"clicks":1}""")]
    [InlineData("""{"note":{"a":1],"clicks":1}""")]
    [InlineData("""{"note":{"a":[1,2}},"clicks":1}""")]
    [InlineData("""{"note":{"a":01},"clicks":1}""")]
    [InlineData("""{"note":[1,2""")]
    public void Malformed_rows_throw_JsonException(string json) =>
        AssertMatchesOracle(Columns(Keys), json);

    [Fact]
    public void Missing_keys_are_null_and_a_later_row_does_not_see_an_earlier_rows_values()
    {
        var tokenizer = new RowTokenizer(Columns("a", "b"));
        var first = Encoding.UTF8.GetBytes("""{"a":1,"b":"x"}""");
        tokenizer.Tokenize(first);
        Assert.False(tokenizer.IsNull(1));
        var second = Encoding.UTF8.GetBytes("""{"a":2}""");
        tokenizer.Tokenize(second);
        Assert.Equal("2", tokenizer.Value(second, 0).GetText());
        Assert.True(tokenizer.IsNull(1));
        Assert.True(tokenizer.Value(second, 1).IsNull);
    }

    [Fact]
    public void Rows_that_omit_null_keys_shift_the_later_keys_and_still_match_them()
    {
        var columns = Columns("a", "b", "c", "d");
        var tokenizer = new RowTokenizer(columns);
        string[] rows =
        [
            """{"a":"1","b":"2","c":"3","d":"4"}""",
            """{"a":"5","c":"6","d":"7"}""",
            """{"b":"8","d":"9"}""",
            """{"a":"10","b":"11","c":"12","d":"13"}""",
            """{"d":"14"}""",
        ];
        foreach (var json in rows)
        {
            var line = Encoding.UTF8.GetBytes(json);
            tokenizer.Tokenize(line);
            using var document = JsonDocument.Parse(json);
            for (var i = 0; i < columns.Length; i++)
            {
                var expected = document.RootElement.TryGetProperty(columns[i].Key, out var value) ? value.GetString() : null;
                Assert.Equal(expected, tokenizer.IsNull(i) ? null : tokenizer.Value(line, i).GetText());
            }
        }
    }

    [Fact]
    public void Keys_nobody_selected_are_skipped_even_when_the_key_order_changes_between_rows()
    {
        var columns = Columns("a", "b");
        var tokenizer = new RowTokenizer(columns);
        string[] rows =
        [
            """{"a":1,"Row Count":9,"b":2}""",
            """{"a":3,"Row Count":9,"b":4}""",
            """{"Row Count":9,"b":6,"a":5}""",
            """{"b":8,"a":7,"extra":true}""",
            """{"a":9,"Row Count":9,"b":10}""",
        ];
        var expected = new[] { ("1", "2"), ("3", "4"), ("5", "6"), ("7", "8"), ("9", "10") };
        for (var r = 0; r < rows.Length; r++)
        {
            var line = Encoding.UTF8.GetBytes(rows[r]);
            tokenizer.Tokenize(line);
            Assert.Equal(expected[r], (tokenizer.Value(line, 0).GetText(), tokenizer.Value(line, 1).GetText()));
        }
    }

    [Fact]
    public void Keys_that_need_escaping_are_matched_by_their_text_not_their_bytes()
    {
        var columns = Columns("say \"hi\"", "a\\b", "plain");
        var tokenizer = new RowTokenizer(columns);
        AssertMatchesOracle(tokenizer, columns, """{"say \"hi\"":1,"a\\b":2,"plain":3}""");
        AssertMatchesOracle(tokenizer, columns, """{"say \"hi\"":4,"a\\b":5,"plain":6}""");
        AssertMatchesOracle(tokenizer, columns, """{"say "hi"":7}""");
        AssertMatchesOracle(tokenizer, columns, """{"a\b":8}""");
    }

    [Fact]
    public void Rows_wider_than_the_columns_and_than_the_first_row_are_handled()
    {
        var tokenizer = new RowTokenizer(Columns("k19"));
        for (var width = 1; width <= 40; width += 13)
        {
            var json = "{" + string.Join(",", Enumerable.Range(0, width).Select(i => $"\"k{i}\":{i}")) + "}";
            AssertMatchesOracle(tokenizer, Columns("k19"), json);
        }
    }

    [Fact]
    public void A_long_escaped_string_decodes_whole()
    {
        var text = string.Concat(Enumerable.Range(0, 2_000).Select(i => $"line {i} \"é\" \\ 🚀\n"));
        var json = JsonSerializer.Serialize(new Dictionary<string, string> { ["note"] = text });
        AssertMatchesOracle(Columns(Keys), json);
    }

    /// <summary>
    /// Strings of every length up to three 32-byte blocks with one stop at every position: an escape (valid or not), a
    /// raw control character, a multi-byte character, or an early quote; the scan is block-wise where it can be.
    /// </summary>
    [Theory]
    [InlineData("\\n")]
    [InlineData("\\u00e9")]
    [InlineData("\\ud83d\\ude80")]
    [InlineData("\\\"")]
    [InlineData("\\\\")]
    [InlineData("\\x")]
    [InlineData("\\u12x")]
    [InlineData("\u0001")]
    [InlineData("\u001f")]
    [InlineData("\u007f")]
    [InlineData("é🚀")]
    [InlineData("\"")]
    public void A_stop_anywhere_in_a_long_string_is_found_where_the_reader_finds_it(string stop)
    {
        var columns = Columns(Keys);
        var tokenizer = new RowTokenizer(columns);
        for (var length = 0; length <= 96; length++)
        {
            for (var at = 0; at <= length; at++)
            {
                var text = new string('a', at) + stop + new string('b', length - at);
                AssertMatchesOracle(tokenizer, columns, "{\"note\":\"" + text + "\",\"clicks\":1}");
                AssertMatchesOracle(tokenizer, columns, "{\"clicks\":1,\"note\":\"" + text + "\"}");
            }
        }
    }

    /// <summary>
    /// Strings made of escapes, runs of backslashes, <c>\u</c> escapes cut anywhere and stops, placed at every offset
    /// from the 32-byte blocks, so that every kind of escape is cut in two by a block's end: half of them valid JSON,
    /// half with any piece anywhere.
    /// </summary>
    [Fact]
    public void Seeded_random_strings_dense_with_escapes_match_the_oracle()
    {
        string[] valid = ["\\\\", "\\n", "\\\"", "\\/", "\\u00e9", "\\u9aF0", "\\uf0A9", "\\u0000", "u", "09aFg", "é", " ", "x"];
        string[] any = [.. valid, "\\", "\\u", "\\u0", "\\u00", "\\u0g", "\\uG", "\\u:", "\\u/", "\\u@", "\\u`", "\\x", "\"", "\u0001", "\u007f"];
        var random = new Random(20261203);
        var columns = Columns(Keys);
        var tokenizer = new RowTokenizer(columns);
        for (var n = 0; n < 40_000; n++)
        {
            var pieces = n % 2 == 0 ? valid : any;
            var text = new StringBuilder(new string('p', random.Next(32)));
            var length = random.Next(0, 128);
            while (text.Length < length)
                text.Append(pieces[random.Next(pieces.Length)]);
            AssertMatchesOracle(tokenizer, columns, "{\"note\":\"" + text + "\",\"clicks\":1}");
        }
    }

    /// <summary>
    /// Keys of every length around the 16 bytes compared as two words, where a longer key starts with a shorter one, and
    /// rows that end right after a key: each key matches its own column only.
    /// </summary>
    [Fact]
    public void Keys_that_start_with_other_keys_match_their_own_column_at_every_length()
    {
        var keys = Enumerable.Range(1, 20).Select(n => new string('k', n)).ToArray();
        var columns = Columns(keys);
        var tokenizer = new RowTokenizer(columns);
        for (var n = 0; n < keys.Length; n++)
        {
            AssertMatchesOracle(tokenizer, columns, "{" + string.Join(",", keys.Select((k, i) => $"\"{k}\":{i}")) + "}");
            AssertMatchesOracle(tokenizer, columns, "{" + string.Join(",", keys.Skip(n).Select((k, i) => $"\"{k}\":{i}")) + "}");
            AssertMatchesOracle(tokenizer, columns, "{\"" + keys[n] + "\":1}");
            AssertMatchesOracle(tokenizer, columns, "{\"" + keys[n] + "x\":1,\"" + keys[n] + "\":2}");
            AssertMatchesOracle(tokenizer, columns, "{\"" + keys[n] + "\"");
        }
    }

    /// <summary>Digits are counted eight bytes at a time: against a byte-by-byte count, from every offset of seeded random bytes of every value.</summary>
    [Fact]
    public void Digits_are_counted_as_a_byte_by_byte_count_would()
    {
        var random = new Random(20261204);
        for (var n = 0; n < 2_000; n++)
        {
            var line = new byte[random.Next(0, 40)];
            for (var i = 0; i < line.Length; i++)
                line[i] = random.Next(3) == 0 ? (byte)random.Next(256) : (byte)('0' + random.Next(10));
            for (var start = 0; start <= line.Length; start++)
            {
                var expected = 0;
                while (start + expected < line.Length && line[start + expected] is >= (byte)'0' and <= (byte)'9')
                    expected++;
                Assert.Equal(expected, RowTokenizer.Digits(line, start));
            }
        }
    }

    /// <summary>A key's two-word prefix matches exactly the bytes that start with the key and its closing quote.</summary>
    [Fact]
    public void A_key_prefix_matches_only_the_key_and_its_closing_quote()
    {
        var random = new Random(20261205);
        for (var length = 0; length < 16; length++)
        {
            var key = Enumerable.Range(0, length).Select(_ => (byte)"ab\"é"[random.Next(4)]).ToArray();
            var prefix = new RowTokenizer.KeyPrefix(key);
            Assert.True(prefix.FitsInPrefix);
            for (var n = 0; n < 2_000; n++)
            {
                var rest = Enumerable.Range(0, 16 + random.Next(4)).Select(_ => (byte)"ab\"é"[random.Next(4)]).ToArray();
                if (random.Next(2) == 0)
                    key.CopyTo(rest, 0);
                var expected = rest.AsSpan().StartsWith(key) && rest[length] == (byte)'"';
                Assert.Equal(expected, prefix.Matches(rest));
            }
        }
        Assert.False(new RowTokenizer.KeyPrefix(new byte[16]).FitsInPrefix);
    }

    /// <summary>Numbers of every length around the eight digits read at a time, ended by every kind of byte, and at the end of the line.</summary>
    [Fact]
    public void Numbers_of_every_length_end_where_the_reader_ends_them()
    {
        var columns = Columns(Keys);
        var tokenizer = new RowTokenizer(columns);
        foreach (var digits in Enumerable.Range(1, 20).Select(n => string.Concat(Enumerable.Range(0, n).Select(i => (char)('1' + i % 9)))))
        {
            foreach (var number in new[] { digits, "-" + digits, "0." + digits, digits + "." + digits, digits + "e" + digits, digits + "E-" + digits })
            {
                foreach (var end in new[] { "}", " }", ",\"note\":1}", "/}", ":}", "a}", "\u00e9}", "" })
                    AssertMatchesOracle(tokenizer, columns, "{\"clicks\":" + number + end);
            }
        }
    }

    [Theory]
    [InlineData("\\ud83d alone")]
    [InlineData("\\ude80 alone")]
    [InlineData("\\ud83d\\u0041")]
    [InlineData("\\ud83d\\n")]
    [InlineData("ends high \\ud83d")]
    public void An_escaped_surrogate_without_its_other_half_is_a_FormatException(string contents)
    {
        var tokenizer = new RowTokenizer(Columns("note"));
        var line = Encoding.UTF8.GetBytes("{\"note\":\"" + contents + "\"}");
        tokenizer.Tokenize(line);
        var e = Assert.Throws<FormatException>(() => tokenizer.Value(line, 0).GetText());
        Assert.Contains("surrogate", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Short, long and very long text (decoded in one pass from 256 bytes to 1 MiB) refuse bytes that are not UTF-8 alike.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(5_000)]
    [InlineData(1_100_000)]
    public void An_escaped_string_with_bytes_that_are_not_UTF8_is_a_FormatException(int padding)
    {
        var tokenizer = new RowTokenizer(Columns("note"));
        var line = Encoding.UTF8.GetBytes("{\"note\":\"bad \\n " + new string('é', padding / 2) + "\u0001\"}");
        line[Array.IndexOf(line, (byte)1)] = 0xFF;
        tokenizer.Tokenize(line);
        var e = Assert.Throws<FormatException>(() => tokenizer.Value(line, 0).GetText());
        Assert.Contains("not valid UTF-8", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Text without escapes is decoded as <see cref="Encoding.UTF8"/> decodes it, bytes that are not UTF-8 included, however long.</summary>
    [Fact]
    public void Unescaped_text_of_any_length_decodes_as_the_encoding_does()
    {
        var tokenizer = new RowTokenizer(Columns("note"));
        foreach (var length in new[] { 1, 100, 255, 256, 257, 1_000, 20_000, 500_000 })
        {
            var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, length).Select(i => new[] { "a", "é", "日", "🚀" }[i % 4])));
            foreach (var bad in new byte[][] { [], [0xFF], [0xE6, 0x97], [0xC3] })
            {
                var contents = text.Take(text.Length / 2).Concat(bad).Concat(text.Skip(text.Length / 2)).ToArray();
                var line = Encoding.UTF8.GetBytes("{\"note\":\"").Concat(contents).Concat(Encoding.UTF8.GetBytes("\"}")).ToArray();
                tokenizer.Tokenize(line);
                Assert.Equal(Encoding.UTF8.GetString(contents), tokenizer.Value(line, 0).GetText());
            }
        }
    }

    [Theory]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(200)]
    [InlineData(255)]
    [InlineData(256)]
    public void Deeply_nested_values_are_measured_or_refused_as_the_reader_would(int depth)
    {
        var nested = new string('[', depth) + "1" + new string(']', depth);
        AssertMatchesOracle(Columns(Keys), "{\"note\":" + nested + ",\"clicks\":2}");
        AssertMatchesOracle(Columns(Keys), "{\"note\":" + new string('[', depth) + "1" + new string(']', depth - 1) + ",\"clicks\":2}");
    }

    [Fact]
    public void Seeded_random_rows_match_the_oracle()
    {
        var random = new Random(20261123);
        var columns = Columns(Keys);
        var tokenizer = new RowTokenizer(columns);
        for (var n = 0; n < 20_000; n++)
        {
            var json = RandomRow(random);
            if (random.Next(4) == 0)
                json = Mutate(random, json);
            AssertMatchesOracle(tokenizer, columns, json);
        }
    }

    private static void AssertMatchesOracle(ResultColumn[] columns, string json) =>
        AssertMatchesOracle(new RowTokenizer(columns), columns, json);

    private static void AssertMatchesOracle(RowTokenizer tokenizer, ResultColumn[] columns, string json)
    {
        var line = Encoding.UTF8.GetBytes(json);
        var expected = Oracle(line);
        if (expected is null)
        {
            Assert.ThrowsAny<JsonException>(() => tokenizer.Tokenize(line));
            return;
        }
        tokenizer.Tokenize(line);
        for (var i = 0; i < columns.Length; i++)
        {
            var value = tokenizer.Value(line, i);
            if (!expected.TryGetValue(columns[i].Name, out var property))
            {
                Assert.True(tokenizer.IsNull(i), $"{columns[i].Name} should be missing in {json}");
                continue;
            }
            Assert.Equal(property.Kind, value.Kind);
            Assert.Equal(property.Kind == JsonTokenType.Null, tokenizer.IsNull(i));
            if (property.Kind != JsonTokenType.Null)
                Assert.Equal(property.Text, value.GetText());
        }
    }

    /// <summary>The last value of each key, or null when the line is not exactly one JSON object.</summary>
    private static Dictionary<string, (JsonTokenType Kind, string Text)>? Oracle(byte[] line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException)
        {
            return null;
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return null;
            var values = new Dictionary<string, (JsonTokenType, string)>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var value = property.Value;
                values[property.Name] = value.ValueKind switch
                {
                    JsonValueKind.String => (JsonTokenType.String, value.GetString()!),
                    JsonValueKind.Number => (JsonTokenType.Number, value.GetRawText()),
                    JsonValueKind.True => (JsonTokenType.True, "true"),
                    JsonValueKind.False => (JsonTokenType.False, "false"),
                    JsonValueKind.Null => (JsonTokenType.Null, "null"),
                    JsonValueKind.Object => (JsonTokenType.StartObject, value.GetRawText()),
                    _ => (JsonTokenType.StartArray, value.GetRawText()),
                };
            }
            return values;
        }
    }

    private static string RandomRow(Random random)
    {
        var members = new List<string>();
        var count = random.Next(0, 10);
        for (var m = 0; m < count; m++)
            members.Add(Space(random) + Key(random) + Space(random) + ":" + Space(random) + RandomValue(random, depth: 0) + Space(random));
        return Space(random) + "{" + string.Join(",", members) + "}" + Space(random);
    }

    private static string Key(Random random) => random.Next(10) switch
    {
        0 => "\"unselected\"",
        1 => "\"cl\\u0069cks\"",
        _ => "\"" + Keys[random.Next(Keys.Length)] + "\"",
    };

    private static string RandomValue(Random random, int depth) => random.Next(depth > 2 ? 10 : 12) switch
    {
        0 => "null",
        1 => random.Next(2) == 0 ? "true" : "false",
        2 => random.Next(-1_000_000, 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        3 => (random.NextDouble() * 1e6 - 5e5).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        4 => random.Next(2) == 0 ? "-0" : "1.5e-3",
        5 => "\"\"",
        6 => "\"" + new string(Enumerable.Range(0, random.Next(1, 20)).Select(_ => ValueCharacters[random.Next(ValueCharacters.Length)]).ToArray()) + "\"",
        7 => "\"with \\\"escape\\\" \\\\ \\n \\u00e9\"",
        8 => "\"2024-01-" + random.Next(10, 29) + "T10:00:00.123Z\"",
        9 => "\"" + string.Concat(Enumerable.Range(0, random.Next(1, 6)).Select(_ => RandomStringPart(random))) + "\"",
        10 => "{" + Key(random) + ":" + RandomValue(random, depth + 1) + "}",
        _ => "[" + RandomValue(random, depth + 1) + "," + RandomValue(random, depth + 1) + "]",
    };

    /// <summary>Plain text or one of JSON's escapes (a <c>\\u</c> escape outside the surrogate range, so that it decodes).</summary>
    private static string RandomStringPart(Random random) => random.Next(4) switch
    {
        0 => "\\" + "\"\\/bfnrt"[random.Next(8)],
        1 => "\\u" + random.Next(0, 0xD800).ToString(random.Next(2) == 0 ? "x4" : "X4", System.Globalization.CultureInfo.InvariantCulture),
        _ => new string(Enumerable.Range(0, random.Next(1, 8)).Select(_ => ValueCharacters[random.Next(ValueCharacters.Length)]).ToArray()),
    };

    private static string Space(Random random) => random.Next(6) switch
    {
        0 => " ",
        1 => "\t",
        2 => " \r ",
        _ => string.Empty,
    };

    private static string Mutate(Random random, string json)
    {
        if (json.Length == 0)
            return json;
        var at = random.Next(json.Length);
        return random.Next(3) switch
        {
            0 => json.Remove(at, 1),
            1 => json.Insert(at, MutationCharacters[random.Next(MutationCharacters.Length)].ToString()),
            _ => json.Substring(0, at),
        };
    }
}
