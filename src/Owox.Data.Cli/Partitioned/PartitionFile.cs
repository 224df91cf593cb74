using System;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Cli.Export;
using Owox.Data.Parquet;

namespace Owox.Data.Cli.Partitioned;

/// <summary>
/// Where a partition's rows go (<c>&lt;folder&gt;/&lt;column&gt;_&lt;granularity&gt;=&lt;key&gt;/part-00000.&lt;format&gt;</c>, the
/// Hive layout engines read as a partition column) and how: written to a temporary file beside it, renamed over it only
/// when every row has arrived, and checksummed. A failed write leaves nothing behind.
/// </summary>
internal static class PartitionFile
{
    /// <summary>The file of <paramref name="partition"/>, relative to the export folder, with <c>/</c> separators.</summary>
    public static string RelativePath(OwoxPartition partition, string format) => $"{partition.HiveName}/part-00000.{format}";

    /// <summary>Whether the file an entry records is there and still what was written (size and SHA-256).</summary>
    public static async Task<bool> IsIntactAsync(string folder, ManifestEntry entry, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, entry.File);
        if (!File.Exists(path) || new FileInfo(path).Length != entry.Bytes)
            return false;
        return string.Equals(await Sha256Async(path, cancellationToken), entry.Sha256, StringComparison.Ordinal);
    }

    /// <summary>Writes the reader's rows into the partition's file; returns its manifest entry.</summary>
    public static async Task<ManifestEntry> WriteAsync(string folder, OwoxPartition partition, string format, OwoxDataReader reader, CancellationToken cancellationToken)
    {
        var relative = RelativePath(partition, format);
        var path = Path.Combine(folder, relative);
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            long rows;
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                rows = format switch
                {
                    "parquet" => await OwoxParquetWriter.WriteAsync(reader, stream, null, cancellationToken),
                    _ => await WriteTextAsync(format, reader, stream, cancellationToken),
                };
            }
            var bytes = new FileInfo(temporary).Length;
            var sha256 = await Sha256Async(temporary, cancellationToken);
            File.Move(temporary, path, overwrite: true);
            return new ManifestEntry(
                partition.Key, Day(partition.From), Day(partition.To), rows, reader.RunId, relative, bytes, sha256,
                DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Removes a partition's file (one found damaged, before it is exported again).</summary>
    public static void Delete(string folder, ManifestEntry entry) => File.Delete(Path.Combine(folder, entry.File));

    private static async Task<long> WriteTextAsync(string format, OwoxDataReader reader, Stream stream, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true);
        return format == "csv"
            ? await CsvOutput.WriteAsync(reader, writer, long.MaxValue, byteOrderMark: false, null, cancellationToken)
            : await NdjsonOutput.WriteAsync(reader, writer, long.MaxValue, null, cancellationToken);
    }

    private static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
    }

    /// <summary>A partition bound as the manifest writes it.</summary>
    public static string? Day(DateTime? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
