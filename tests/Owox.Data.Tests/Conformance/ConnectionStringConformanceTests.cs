using System;
using System.Data.Common;
using System.Threading.Tasks;
using Owox.Data.Tests.Integration;

namespace Owox.Data.Tests.Conformance;

public abstract class ConnectionStringConformanceTests(EmulatorFixture fixture, bool isAsync) : SyncOrAsyncTest(fixture, isAsync)
{
    [Theory]
    [InlineData("Command Timeout=-1", "Command Timeout")]
    [InlineData("Timeout=-5", "Timeout")]
    [InlineData("Max Retries=-2", "Max Retries")]
    [InlineData("Retry Budget=soon", "Retry Budget")]
    public void Values_are_validated_when_the_string_is_parsed(string keywords, string keyword)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new OwoxConnection($"Api Key={Fixture.ApiKey};{keywords}"));
        Assert.Contains($"'{keyword}'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Fixture.ApiKey, e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Text_that_is_neither_a_key_nor_keywords_says_what_a_key_looks_like()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new OwoxConnection("my-api-key"));
        Assert.Contains("owox_key_", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_followed_by_keywords_is_refused_without_printing_the_key()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new OwoxConnection(Fixture.ApiKey + ";Command Timeout=5"));
        Assert.Contains("Api Key=", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Fixture.ApiKey.Substring(9, 20), e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_factory_builder_takes_keywords_and_its_typed_form_the_bare_key()
    {
        DbConnectionStringBuilder builder = OwoxFactory.Instance.CreateConnectionStringBuilder();
        builder["Api Key"] = Fixture.ApiKey;
        builder["Command Timeout"] = 7;
        var typed = (OwoxConnectionStringBuilder)OwoxFactory.Instance.CreateConnectionStringBuilder();
        typed.ConnectionString = Fixture.ApiKey;
        foreach (var connectionString in new[] { builder.ConnectionString, typed.ConnectionString })
        {
            using var connection = OwoxFactory.Instance.CreateConnection();
            connection.ConnectionString = connectionString;
            await OpenAsync(connection);
            Assert.Equal(System.Data.ConnectionState.Open, connection.State);
        }
        Assert.Equal(7, new OwoxConnectionStringBuilder(builder.ConnectionString).CommandTimeout);
    }

    public sealed class Sync(EmulatorFixture fixture) : ConnectionStringConformanceTests(fixture, isAsync: false), IClassFixture<EmulatorFixture>;

    public sealed class Async(EmulatorFixture fixture) : ConnectionStringConformanceTests(fixture, isAsync: true), IClassFixture<EmulatorFixture>;
}
