namespace Owox.Data.Cli.Export;

/// <summary>What <c>--format sqlite</c> does when the file already has a table of the target's name.</summary>
internal enum ExistingTable
{
    /// <summary>The default: refuse (exit 2) before OWOX is queried.</summary>
    Refuse,

    /// <summary><c>--replace</c>: drop it and create it again from the result's columns, in the same transaction as the rows.</summary>
    Replace,

    /// <summary><c>--append</c>: insert into it by column name; it must have every column of the result.</summary>
    Append,
}
