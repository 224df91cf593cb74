using System;

namespace Owox.Data.Tests;

public class OwoxConnectionStringBuilderTests
{
    [Fact]
    public void A_bare_key_is_the_api_key()
    {
        var builder = new OwoxConnectionStringBuilder("owox_key_abc");
        Assert.Equal("owox_key_abc", builder.ApiKey);
        Assert.Equal("Api Key=owox_key_abc", builder.ConnectionString);
    }

    [Fact]
    public void Keywords_and_aliases_are_case_insensitive()
    {
        var builder = new OwoxConnectionStringBuilder("apikey=owox_key_abc;ORIGIN=https://x.example;command timeout=120;Persist Security Info=yes;schema source=infer");
        Assert.Equal("owox_key_abc", builder.ApiKey);
        Assert.Equal("https://x.example", builder.ApiOrigin);
        Assert.Equal(120, builder.CommandTimeout);
        Assert.True(builder.PersistSecurityInfo);
        Assert.Equal(OwoxSchemaSource.Infer, builder.SchemaSource);
    }

    [Fact]
    public void Defaults_apply_when_absent()
    {
        var builder = new OwoxConnectionStringBuilder("owox_key_abc");
        Assert.Equal(15, builder.Timeout);
        Assert.Equal(30, builder.CommandTimeout);
        Assert.False(builder.PersistSecurityInfo);
        Assert.Equal(3, builder.MaxRetries);
        Assert.Equal(OwoxSchemaSource.Metadata, builder.SchemaSource);
    }

    [Fact]
    public void Unknown_keywords_are_refused_with_the_list_of_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => new OwoxConnectionStringBuilder("Api Key=owox_key_a;Colour=blue"));
        Assert.Contains("colour", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Command Timeout", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_values_name_the_keyword_and_what_is_expected()
    {
        var e = Assert.Throws<ArgumentException>(() => new OwoxConnectionStringBuilder("Api Key=owox_key_a;Command Timeout=soon"));
        Assert.Contains("Command Timeout", e.Message, StringComparison.Ordinal);
        Assert.Contains("whole number", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Redacted_form_drops_only_the_key()
    {
        var builder = new OwoxConnectionStringBuilder("Api Key=owox_key_secret;Command Timeout=5");
        Assert.Equal("Command Timeout=5", builder.ToRedactedString());
    }
}
