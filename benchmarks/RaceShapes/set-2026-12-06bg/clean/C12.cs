using System.Text;

namespace Blind59.Vineyard.CellarAudit;

public sealed record CellarAction(DateTime At, string Operator, string Vessel, string Operation, double? Litres);

/// <summary>
/// Records every cellar operation (rack, top-up, SO2 addition, fining) for the excise
/// and organic certification audit. Used by the cellar tablets and the pump controller
/// at the same time; batches are written to the audit file every few seconds.
/// </summary>
public sealed class CellarAuditLog : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly SemaphoreSlim _fileLock = new(1, 1);
    private readonly string _path;
    private readonly Timer _timer;
    private List<CellarAction> _pending = new();

    public CellarAuditLog(string path)
    {
        _path = path;
        _timer = new Timer(static state => _ = ((CellarAuditLog)state!).FlushAsync(), this,
            TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3));
    }

    public void Record(CellarAction action)
    {
        lock (_gate)
        {
            _pending.Add(action);
        }
    }

    public async Task FlushAsync()
    {
        await _fileLock.WaitAsync().ConfigureAwait(false);
        try
        {
            List<CellarAction> batch;
            lock (_gate)
            {
                if (_pending.Count == 0)
                {
                    return;
                }
                batch = _pending;
                _pending = new List<CellarAction>();
            }

            var text = new StringBuilder();
            foreach (var a in batch)
            {
                text.Append(a.At.ToString("O")).Append('\t').Append(a.Operator).Append('\t')
                    .Append(a.Vessel).Append('\t').Append(a.Operation).Append('\t')
                    .Append(a.Litres?.ToString("F1") ?? "").AppendLine();
            }

            await File.AppendAllTextAsync(_path, text.ToString()).ConfigureAwait(false);
        }
        finally
        {
            _fileLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _timer.DisposeAsync().ConfigureAwait(false);
        await FlushAsync().ConfigureAwait(false);
    }
}

/// <summary>
/// Cellar tablet actions.
/// </summary>
public sealed class CellarOperations
{
    private readonly CellarAuditLog _audit;

    public CellarOperations(CellarAuditLog audit) => _audit = audit;

    public void Rack(string op, string fromTank, string toTank, double litres)
    {
        _audit.Record(new CellarAction(DateTime.UtcNow, op, fromTank, $"rack to {toTank}", litres));
    }

    public void AddSulphur(string op, string vessel, double gramsPerHl)
    {
        _audit.Record(new CellarAction(DateTime.UtcNow, op, vessel, $"SO2 {gramsPerHl:F1} g/hl", null));
    }

    public Task RackManyAsync(string op, IEnumerable<(string From, string To, double Litres)> moves) =>
        Parallel.ForEachAsync(moves, (m, _) =>
        {
            Rack(op, m.From, m.To, m.Litres);
            return ValueTask.CompletedTask;
        });
}
