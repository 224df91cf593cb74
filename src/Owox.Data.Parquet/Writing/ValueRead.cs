using System.Data.Common;
using Owox.Data.Parquet.Mapping;

namespace Owox.Data.Parquet.Writing;

/// <summary>Reads the non-NULL value of <paramref name="column"/> in the reader's current row (row <paramref name="row"/>, from 1) with a typed getter.</summary>
internal delegate T ValueRead<out T>(DbDataReader reader, ParquetColumn column, long row);
