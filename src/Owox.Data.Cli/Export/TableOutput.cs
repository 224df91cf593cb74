using System;
using System.Data.Common;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Owox.Data.Cli.Export;

/// <summary><c>--format table</c>, for the terminal: columns padded to at most 24 characters (an ID in full), values in their <see cref="ExportText"/> form.</summary>
internal static class TableOutput
{
    private const int MaxWidth = 24;

    /// <summary>Writes up to <paramref name="maxRows"/> rows of <paramref name="reader"/>; returns how many.</summary>
    public static async Task<long> WriteAsync(DbDataReader reader, TextWriter output, long maxRows, CancellationToken cancellationToken)
    {
        var isDate = reader.GetColumnSchema().Select(ExportText.IsDate).ToArray();
        var widths = Enumerable.Range(0, reader.FieldCount)
            .Select(i => reader.GetName(i).EndsWith("ID", StringComparison.Ordinal) ? 36 : Width(reader.GetName(i), reader.GetFieldType(i), isDate[i]))
            .ToArray();
        await output.WriteLineAsync(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => Fit(reader.GetName(i), widths[i]))));
        await output.WriteLineAsync(string.Join("-+-", widths.Select(w => new string('-', w))));
        long rows = 0;
        while (rows < maxRows && await reader.ReadAsync(cancellationToken))
        {
            rows++;
            await output.WriteLineAsync(string.Join(" | ", Enumerable.Range(0, reader.FieldCount)
                .Select(i => Fit(reader.IsDBNull(i) ? string.Empty : ExportText.Format(reader.GetValue(i), isDate[i]), widths[i]))));
        }
        return rows;
    }

    /// <summary>A timestamp's full width (28) or a date's (10); other types by their usual size, up to <see cref="MaxWidth"/>.</summary>
    private static int Width(string name, Type type, bool isDate) => type == typeof(DateTime)
        ? Math.Max(name.Length, isDate ? 10 : 28)
        : Math.Clamp(Math.Max(name.Length, type == typeof(bool) ? 5 : type == typeof(string) ? 16 : 10), 4, MaxWidth);

    private static string Fit(string text, int width)
    {
        var flat = text.Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' ');
        return flat.Length > width ? flat[..(width - 1)] + "…" : flat.PadRight(width);
    }
}
