namespace Owox.Data.Cli.Partitioned;

/// <summary>One completed partition in <c>_manifest.json</c>: what it covers, what the server sent, and the file that holds it.</summary>
/// <param name="Key">The partition's key (<c>2024-11</c>, or the NULL partition's).</param>
/// <param name="From">Its first day (<c>yyyy-MM-dd</c>), null for the NULL partition.</param>
/// <param name="To">The day after its last (exclusive), null for the NULL partition.</param>
/// <param name="Rows">Rows written.</param>
/// <param name="RunId">The server's run id of its stream.</param>
/// <param name="File">The file, relative to the export folder, with <c>/</c> separators.</param>
/// <param name="Bytes">The file's size.</param>
/// <param name="Sha256">The file's SHA-256, lower-case hex.</param>
/// <param name="CompletedAt">When it was written (UTC, ISO 8601).</param>
internal sealed record ManifestEntry(string Key, string? From, string? To, long Rows, string? RunId, string File, long Bytes, string Sha256, string CompletedAt);
