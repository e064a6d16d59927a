using System;
using System.IO;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Blind39.Bookbinders.Audit;

public readonly record struct AuditEntry(DateTime AtUtc, string Operator, string Action, string Volume);

/// <summary>
/// Audit trail for the bindery's restoration work orders. The operator for the current
/// logical call is carried in an async-local so deep helpers can write entries without
/// threading the name through every signature. One writer per process.
/// </summary>
public sealed class BinderyAuditLog : IAsyncDisposable
{
    private static readonly AsyncLocal<string?> s_currentOperator = new();

    private readonly Channel<AuditEntry> _entries = Channel.CreateUnbounded<AuditEntry>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly TextWriter _output;
    private readonly Task _pump;

    public BinderyAuditLog(TextWriter output)
    {
        _output = output;
        _pump = Task.Run(PumpAsync);
    }

    public static IDisposable BeginOperator(string name)
    {
        var previous = s_currentOperator.Value;
        s_currentOperator.Value = name;
        return new OperatorScope(previous);
    }

    public void Write(string action, string volume)
    {
        var who = s_currentOperator.Value ?? "system";
        _entries.Writer.TryWrite(new AuditEntry(DateTime.UtcNow, who, action, volume));
    }

    private async Task PumpAsync()
    {
        await foreach (var e in _entries.Reader.ReadAllAsync())
        {
            await _output.WriteLineAsync($"{e.AtUtc:O}\t{e.Operator}\t{e.Action}\t{e.Volume}");
        }
        await _output.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _entries.Writer.TryComplete();
        await _pump;
    }

    private sealed class OperatorScope : IDisposable
    {
        private readonly string? _previous;

        public OperatorScope(string? previous) => _previous = previous;

        public void Dispose() => s_currentOperator.Value = _previous;
    }
}

/// <summary>Restoration steps; each may run for a different binder at the same time.</summary>
public sealed class RestorationBench
{
    private readonly BinderyAuditLog _audit;

    public RestorationBench(BinderyAuditLog audit) => _audit = audit;

    public async Task RebackAsync(string binder, string volume, CancellationToken ct)
    {
        using (BinderyAuditLog.BeginOperator(binder))
        {
            _audit.Write("lift-spine", volume);
            await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
            _audit.Write("new-spine-leather", volume);
            await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
            _audit.Write("relay-original-spine", volume);
        }
    }
}
