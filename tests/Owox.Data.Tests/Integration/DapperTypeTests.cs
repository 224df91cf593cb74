using System;
using System.Linq;
using System.Threading.Tasks;
using Dapper;
using Owox.Data.Emulator;

namespace Owox.Data.Tests.Integration;

public class DapperTypeTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    public sealed class TypedRow
    {
        public DateOnly Date { get; set; }
        public DateTimeOffset Created_At { get; set; }
        public decimal Cost { get; set; }
        public decimal? Revenue { get; set; }
        public int? Clicks { get; set; }
    }

    [Fact]
    public async Task Dapper_maps_DateOnly_DateTimeOffset_and_nullable_properties()
    {
        await using var connection = await fixture.OpenAsync();
        var rows = (await connection.QueryAsync<TypedRow>($"""SELECT date, created_at, cost, revenue, clicks FROM "{DemoMarts.AdPerformance}" LIMIT 50""")).ToList();
        Assert.Equal(50, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var expected = DemoMarts.AdPerformanceRow(i);
            Assert.Equal(expected.Date, rows[i].Date);
            Assert.Equal(new DateTimeOffset(DateTime.SpecifyKind(expected.CreatedAt, DateTimeKind.Utc)), rows[i].Created_At);
            Assert.Equal(expected.Cost, rows[i].Cost);
            Assert.Equal(expected.Revenue, rows[i].Revenue);
            Assert.Equal((int)expected.Clicks, rows[i].Clicks);
        }
    }
}
