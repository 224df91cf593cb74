using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Owox.Data.Cli.Partitioned;

/// <summary>
/// <c>_manifest.json</c> of an export folder: what was exported (source, partition column, granularity, format) and
/// every completed partition with its range, rows, run id, file and checksum. A partition is recorded only after its
/// file is in place; the manifest is rewritten through a temporary file after each one, so it is never half written.
/// </summary>
internal sealed class ExportManifest
{
    public const string FileName = "_manifest.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private readonly object _lock = new();
    private readonly string _path;
    private readonly Dictionary<string, ManifestEntry> _entries;

    private ExportManifest(string path, Header header, IEnumerable<ManifestEntry> entries)
    {
        _path = path;
        What = header;
        _entries = entries.ToDictionary(e => e.Key, StringComparer.Ordinal);
    }

    /// <summary>What the export is: a rerun must ask for the same to resume it.</summary>
    public Header What { get; }

    /// <summary>
    /// The folder's manifest, or a new one for <paramref name="header"/>. An existing manifest of another export (another
    /// source, column, granularity or format) is refused: resuming it would mix two results in one folder.
    /// </summary>
    public static ExportManifest Open(string folder, Header header)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
            return new ExportManifest(path, header, []);
        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new UsageException($"{path} is not a manifest owox-data can read ({e.Message}); delete it (and the folder's partitions) to export again.");
        }
        if (document?.Export is null || document.Partitions is null)
            throw new UsageException($"{path} is not a manifest owox-data can read; delete it (and the folder's partitions) to export again.");
        if (document.Export != header)
        {
            throw new UsageException(
                $"{folder} holds another export ({document.Export.Format} of {document.Export.Source} by {document.Export.Column}:{document.Export.Granularity}); " +
                "give another --output folder, or delete that one, to export this query.");
        }
        return new ExportManifest(path, header, document.Partitions);
    }

    /// <summary>The recorded entry of a partition, if it completed in an earlier run.</summary>
    public ManifestEntry? Find(string key)
    {
        lock (_lock)
            return _entries.GetValueOrDefault(key);
    }

    /// <summary>Records a completed partition (replacing an earlier entry) and saves the manifest.</summary>
    public void Complete(ManifestEntry entry)
    {
        lock (_lock)
        {
            _entries[entry.Key] = entry;
            Save();
        }
    }

    /// <summary>Forgets a partition whose file is missing or damaged, before it is exported again, and saves the manifest.</summary>
    public void Forget(string key)
    {
        lock (_lock)
        {
            if (_entries.Remove(key))
                Save();
        }
    }

    private void Save()
    {
        var document = new Document(What, [.. _entries.Values.OrderBy(e => e.From ?? "~", StringComparer.Ordinal).ThenBy(e => e.Key, StringComparer.Ordinal)]);
        var temporary = _path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(document, Json));
        File.Move(temporary, _path, overwrite: true);
    }

    /// <summary>What an export folder holds.</summary>
    internal sealed record Header(string Source, string Column, string Granularity, string Format);

    private sealed record Document(Header Export, List<ManifestEntry> Partitions);
}
