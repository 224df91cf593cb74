using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace Owox.Data.Emulator;

/// <summary>Reads rows for a data mart from CSV (RFC 4180, header row) or NDJSON (one object per line) files.</summary>
internal static class DataMartFile
{
    public static IEnumerable<IReadOnlyList<object?>> ReadRows(DataMartDefinition definition, string path)
    {
        var names = Paths(definition.Columns, "").ToList();
        var rows = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ReadCsv(path, names) : ReadNdjson(path, names);
        return rows.ToList();
    }

    private static IEnumerable<string> Paths(IEnumerable<DataMartColumn> columns, string prefix)
    {
        foreach (var c in columns)
        {
            yield return prefix + c.Name;
            if (c.Fields is { Count: > 0 })
            {
                foreach (var child in Paths(c.Fields, prefix + c.Name + "."))
                {
                    yield return child;
                }
            }
        }
    }

    private static IEnumerable<IReadOnlyList<object?>> ReadNdjson(string path, List<string> names)
    {
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var row = new object?[names.Count];
            for (var i = 0; i < names.Count; i++)
            {
                row[i] = doc.RootElement.TryGetProperty(names[i], out var v) ? v.Clone() : null;
            }

            yield return row;
        }
    }

    private static IEnumerable<IReadOnlyList<object?>> ReadCsv(string path, List<string> names)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        var text = reader.ReadToEnd();
        var records = ParseCsv(text);
        if (records.Count == 0)
        {
            yield break;
        }

        var header = records[0];
        var index = names.Select(n => header.IndexOf(n)).ToArray();
        foreach (var record in records.Skip(1))
        {
            if (record.Count == 1 && record[0].Length == 0)
            {
                continue;
            }

            var row = new object?[names.Count];
            for (var i = 0; i < names.Count; i++)
            {
                row[i] = index[i] >= 0 && index[i] < record.Count && record[index[i]].Length > 0 ? record[index[i]] : null;
            }

            yield return row;
        }
    }

    private static List<List<string>> ParseCsv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }

        return records;
    }
}
