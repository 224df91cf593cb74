using System;
using System.Collections.Generic;

namespace Owox.Data.Emulator.Model;

/// <summary>A data mart as the emulator holds it: definition, flattened columns and its SQLite table.</summary>
internal sealed class MartInfo
{
    public MartInfo(DataMartDefinition definition, string id, string tableName, IReadOnlyList<MartColumnInfo> columns, DateTimeOffset createdAt)
    {
        Definition = definition;
        Id = id;
        TableName = tableName;
        Columns = columns;
        CreatedAt = createdAt;
        var byName = new Dictionary<string, MartColumnInfo>(StringComparer.Ordinal);
        foreach (var c in columns)
        {
            byName.TryAdd(c.Name, c);
        }

        ByName = byName;
    }

    public DataMartDefinition Definition { get; }

    public string Id { get; }

    public string TableName { get; }

    public IReadOnlyList<MartColumnInfo> Columns { get; }

    public IReadOnlyDictionary<string, MartColumnInfo> ByName { get; }

    public DateTimeOffset CreatedAt { get; }

    public StorageFlavor Flavor => Definition.Storage;

    public bool Published { get; set; }

    /// <summary>Benchmark mart: serves the pre-rendered payload instead of SQL rows.</summary>
    public bool IsBenchmark => Id == DemoMarts.Benchmark;
}
