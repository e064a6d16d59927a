using System.Data.Common;

namespace Blind45.Carillon.Repertoire;

public sealed record CarillonPiece(int Id, string Title, string Composer, int Bells, TimeSpan Duration);

/// <summary>
/// Database wrapper for the carillon guild's repertoire archive. Shared by the recital
/// planner pages and the API; the single connection is opened on first use.
/// </summary>
public sealed class RepertoireDatabase : IAsyncDisposable
{
    private readonly DbProviderFactory _factory;
    private readonly string _connectionString;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DbConnection? _connection;
    private bool _disposed;

    public RepertoireDatabase(DbProviderFactory factory, string connectionString)
    {
        _factory = factory;
        _connectionString = connectionString;
    }

    public async Task<IReadOnlyList<CarillonPiece>> FindForInstrumentAsync(int bells, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var connection = await EnsureOpenAsync(ct).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, title, composer, bells, seconds FROM pieces WHERE bells <= @bells ORDER BY title";
            var p = command.CreateParameter();
            p.ParameterName = "@bells";
            p.Value = bells;
            command.Parameters.Add(p);

            var pieces = new List<CarillonPiece>();
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                pieces.Add(new CarillonPiece(
                    reader.GetInt32(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetInt32(3),
                    TimeSpan.FromSeconds(reader.GetInt32(4))));
            }

            return pieces;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask<DbConnection> EnsureOpenAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_connection is null)
        {
            var connection = _factory.CreateConnection()
                ?? throw new InvalidOperationException("No connection from provider.");
            connection.ConnectionString = _connectionString;
            await connection.OpenAsync(ct).ConfigureAwait(false);
            _connection = connection;
        }

        return _connection;
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            if (_connection is not null)
            {
                await _connection.DisposeAsync().ConfigureAwait(false);
                _connection = null;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
