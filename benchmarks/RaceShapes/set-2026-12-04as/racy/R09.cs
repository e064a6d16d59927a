using System.Data.Common;

namespace Blind45.RareBooks.Catalogue;

public sealed record LotRecord(int LotNumber, string Title, string Author, int? Year, decimal LowEstimate, decimal HighEstimate);

/// <summary>
/// Wraps the catalogue database for the rare book auction's public site. The wrapper is
/// registered as a singleton so that all page handlers share one open connection to the
/// read replica; the connection is opened on first use.
/// </summary>
public sealed class CatalogueDatabase : IAsyncDisposable
{
    private readonly DbProviderFactory _factory;
    private readonly string _connectionString;
    private readonly SemaphoreSlim _commandGate = new(1, 1);
    private DbConnection? _connection;

    public CatalogueDatabase(DbProviderFactory factory, string connectionString)
    {
        _factory = factory;
        _connectionString = connectionString;
    }

    public async Task<IReadOnlyList<LotRecord>> GetLotsAsync(string saleCode, CancellationToken ct)
    {
        var connection = await GetOpenConnectionAsync(ct);

        await _commandGate.WaitAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText =
                "SELECT lot_number, title, author, year, low_estimate, high_estimate FROM lots WHERE sale_code = @sale ORDER BY lot_number";
            var p = command.CreateParameter();
            p.ParameterName = "@sale";
            p.Value = saleCode;
            command.Parameters.Add(p);

            var lots = new List<LotRecord>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                lots.Add(new LotRecord(
                    reader.GetInt32(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetInt32(3),
                    reader.GetDecimal(4),
                    reader.GetDecimal(5)));
            }

            return lots;
        }
        finally
        {
            _commandGate.Release();
        }
    }

    private async Task<DbConnection> GetOpenConnectionAsync(CancellationToken ct)
    {
        if (_connection is null)
        {
            var connection = _factory.CreateConnection()
                ?? throw new InvalidOperationException("Provider returned no connection.");
            connection.ConnectionString = _connectionString;
            await connection.OpenAsync(ct);
            _connection = connection;
        }

        return _connection;
    }

    public async ValueTask DisposeAsync()
    {
        await _commandGate.WaitAsync();
        try
        {
            if (_connection is not null)
            {
                await _connection.DisposeAsync();
                _connection = null;
            }
        }
        finally
        {
            _commandGate.Release();
        }
    }
}
