using System;
using System.Collections.Generic;
using System.Threading;

namespace Blind16.Bookbinding.Materials;

public sealed record MaterialUse(string OrderId, string Material, double Quantity, string Unit);

public interface IStockLedger
{
    void Deduct(IReadOnlyList<MaterialUse> uses);
}

/// <summary>
/// Buffers material usage logged at the workbenches (leather, board, thread, glue)
/// and posts it to the stock ledger every few minutes. Bench tablets call
/// <see cref="Log"/>; a timer posts the buffered entries.
/// </summary>
public sealed class MaterialUsageBuffer : IDisposable
{
    private readonly object _sync = new();
    private readonly IStockLedger _ledger;
    private readonly Timer _timer;
    private List<MaterialUse> _buffer = new();

    public MaterialUsageBuffer(IStockLedger ledger, TimeSpan postInterval)
    {
        _ledger = ledger;
        _timer = new Timer(_ => Post(), null, postInterval, postInterval);
    }

    public void Log(MaterialUse use)
    {
        ArgumentNullException.ThrowIfNull(use);

        lock (_sync)
        {
            _buffer.Add(use);
        }
    }

    public int Pending
    {
        get
        {
            lock (_sync)
            {
                return _buffer.Count;
            }
        }
    }

    public void Post()
    {
        List<MaterialUse> batch;

        lock (_sync)
        {
            if (_buffer.Count == 0)
            {
                return;
            }

            batch = _buffer;
            _buffer = new List<MaterialUse>();
        }

        batch.Sort(static (a, b) => string.CompareOrdinal(a.Material, b.Material));
        _ledger.Deduct(batch);
    }

    public void Dispose()
    {
        using var done = new ManualResetEvent(false);
        _timer.Dispose(done);
        done.WaitOne();
        Post();
    }
}
