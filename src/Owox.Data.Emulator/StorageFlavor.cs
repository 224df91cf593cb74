namespace Owox.Data.Emulator;

/// <summary>The warehouse a data mart pretends to live in: it decides the schema type names and the JSON value forms.</summary>
public enum StorageFlavor
{
    /// <summary>Google BigQuery (<c>GOOGLE_BIGQUERY</c>).</summary>
    BigQuery,

    /// <summary>Amazon Athena (<c>AWS_ATHENA</c>): every value a JSON string, NULL omits the key.</summary>
    Athena,

    /// <summary>Snowflake (<c>SNOWFLAKE</c>).</summary>
    Snowflake,

    /// <summary>Amazon Redshift (<c>AWS_REDSHIFT</c>).</summary>
    Redshift,

    /// <summary>Databricks (<c>DATABRICKS</c>).</summary>
    Databricks,
}
