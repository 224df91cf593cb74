namespace Owox.Data.Emulator.Model;

/// <summary>The operator-legality category of a storage type name (wire-protocol §3.3.1).</summary>
internal enum TypeCategory
{
    String,
    Number,
    Date,
    Time,
    Boolean,
    Other,
}
