namespace Owox.Data;

/// <summary>Where an <see cref="OwoxDataReader"/> takes its column names and types from.</summary>
public enum OwoxSchemaSource
{
    /// <summary>The data mart's declared schema (<c>GET /api/data-marts/{id}</c>), fetched before streaming and cached; falls back to <see cref="Infer"/> when the key may not read it (403).</summary>
    Metadata,

    /// <summary>Inferred from the first rows of the stream (a bounded look-ahead window); use when the key cannot read data-mart metadata.</summary>
    Infer,
}
