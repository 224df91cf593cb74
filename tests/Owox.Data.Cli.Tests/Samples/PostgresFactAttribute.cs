namespace Owox.Data.Cli.Tests.Samples;

/// <summary>
/// A test that needs a real PostgreSQL server (<see cref="PostgresServerFixture"/>). Without the server binaries it is skipped
/// with the reason — except under CI (<c>CI=true</c>), where it runs and fails with that reason, since CI installs them.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute() => Skip = PostgresServerFixture.SkipReason;
}
