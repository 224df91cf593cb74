using System.Data.Common;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Cli.Progress;
using Sylvan.Data.Csv;

namespace Owox.Data.Cli.Export;

/// <summary>
/// <c>--format csv</c>: RFC 4180 by Sylvan.Data.Csv — a header row, fields quoted when they hold a comma, quote or line
/// break, <c>\r\n</c> after every record whatever the OS, NULL as an empty field — with the values in their
/// <see cref="ExportText"/> form, and a UTF-8 byte order mark first with <c>--bom</c> (for Excel).
/// </summary>
internal static class CsvOutput
{
    /// <summary>Writes up to <paramref name="maxRows"/> rows of <paramref name="reader"/>; returns how many.</summary>
    public static async Task<long> WriteAsync(DbDataReader reader, TextWriter output, long maxRows, bool byteOrderMark, ExportProgress? progress, CancellationToken cancellationToken)
    {
        if (byteOrderMark)
            await output.WriteAsync('\uFEFF');
        var rows = new ExportTextReader(reader, maxRows, progress);
        // Not disposed: that would close the output, which the caller owns (stdout, or the temporary file).
        var csv = CsvDataWriter.Create(output, new CsvDataWriterOptions { NewLine = "\r\n", WriteHeaders = true });
        await csv.WriteAsync(rows, cancellationToken);
        await output.FlushAsync(cancellationToken);
        return rows.Rows;
    }
}
