using System;
using System.Data;
using System.Linq;
using Xunit;

namespace Owox.Data.NetFramework.Tests;

/// <summary>Connection strings (the bare key and keywords, through the factory's builder), Open/Close and GetSchema.</summary>
[Collection(SharedEmulator.Name)]
public sealed class ConnectionTests(EmulatorProcess emulator)
{
    [Fact]
    public void Keywords_set_through_the_builder_open_a_connection()
    {
        var builder = Provider.Factory.CreateConnectionStringBuilder()!;
        builder["Api Key"] = emulator.ApiKey;
        builder["Command Timeout"] = 20;
        Assert.Equal(20, Convert.ToInt32(builder["Command Timeout"], System.Globalization.CultureInfo.InvariantCulture));
        using var connection = Provider.Factory.CreateConnection()!;
        connection.ConnectionString = builder.ConnectionString;
        connection.Open();
        Assert.Equal(ConnectionState.Open, connection.State);
    }

    [Fact]
    public void The_bare_key_as_the_connection_string_opens_a_connection()
    {
        using var connection = Provider.Factory.CreateConnection()!;
        connection.ConnectionString = emulator.ApiKey;
        connection.Open();
        Assert.Equal(ConnectionState.Open, connection.State);
    }

    /// <summary>
    /// A tool holding the base type can set the bare key on the connection, or on the builder as its <c>Api Key</c>;
    /// <c>DbConnectionStringBuilder.ConnectionString</c> itself is not virtual and parses the text before any member a
    /// provider could override, so the bare key there fails in the framework's own parser (documented).
    /// </summary>
    [Fact]
    public void The_bare_key_works_on_the_connection_and_as_the_builders_Api_Key()
    {
        var builder = Provider.Factory.CreateConnectionStringBuilder()!;
        builder["Api Key"] = emulator.ApiKey;
        foreach (var connectionString in new[] { emulator.ApiKey!, builder.ConnectionString })
        {
            using var connection = Provider.Factory.CreateConnection()!;
            connection.ConnectionString = connectionString;
            connection.Open();
            Assert.Equal(ConnectionState.Open, connection.State);
        }
        Assert.Throws<ArgumentException>(() => builder.ConnectionString = emulator.ApiKey);
    }

    [Fact]
    public void Open_and_Close_change_the_state_and_the_key_is_not_shown_after_Open()
    {
        using var connection = Provider.Connection(emulator);
        Assert.Equal(ConnectionState.Closed, connection.State);
        connection.Open();
        Assert.Equal(ConnectionState.Open, connection.State);
        Assert.DoesNotContain(emulator.ApiKey!, connection.ConnectionString, StringComparison.Ordinal);
        connection.Close();
        Assert.Equal(ConnectionState.Closed, connection.State);
        connection.Open();
        Assert.Equal(ConnectionState.Open, connection.State);
    }

    [Fact]
    public void GetSchema_lists_its_collections_the_data_marts_and_a_marts_columns()
    {
        using var connection = Provider.Open(emulator);
        var collections = connection.GetSchema().Rows.Cast<DataRow>().Select(r => (string)r["CollectionName"]).ToList();
        foreach (var name in new[] { "MetaDataCollections", "DataSourceInformation", "Restrictions", "DataTypes", "ReservedWords", "Tables", "Columns" })
        {
            Assert.Contains(name, collections);
            Assert.NotNull(connection.GetSchema(name));
        }

        var marts = connection.GetSchema("Tables").Rows.Cast<DataRow>().ToDictionary(r => (string)r["TABLE_NAME"], r => (string)r["TITLE"]);
        Assert.Equal("Ad performance", marts[Provider.AdPerformance]);
        var columns = connection.GetSchema("Columns", [null, null, Provider.AdPerformance]).Rows.Cast<DataRow>().Select(r => (string)r["COLUMN_NAME"]);
        Assert.Equal(
            new[] { "date", "campaign", "channel", "country", "impressions", "clicks", "conversions", "cost", "revenue", "ctr", "is_active", "created_at", "notes" },
            columns);
        Assert.Contains("SELECT", connection.GetSchema("ReservedWords").Rows.Cast<DataRow>().Select(r => (string)r[0]));
    }
}
