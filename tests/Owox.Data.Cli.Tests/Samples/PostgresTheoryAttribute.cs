namespace Owox.Data.Cli.Tests.Samples;

/// <summary>A theory that needs a real PostgreSQL server: skipped, or failed under CI, as <see cref="PostgresFactAttribute"/> says.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute() => Skip = PostgresServerFixture.SkipReason;
}
