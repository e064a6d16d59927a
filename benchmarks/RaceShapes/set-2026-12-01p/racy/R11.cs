using System;
using System.Collections.Generic;
using System.Threading;

namespace Blind16.Bookbinding.Orders;

public enum BindingStyle { Perfect, Saddle, CaseBound, Coptic, Japanese }

public sealed record BindingOrder(string OrderId, string Customer, BindingStyle Style, int PageCount, int Copies);

public interface IWorkbenchScheduler
{
    void Schedule(IReadOnlyList<BindingOrder> batch);
}

/// <summary>
/// Collects incoming binding orders from the web shop and hands them to the workshop
/// bench scheduler in batches every few minutes, grouped so that similar bindings
/// are sewn together.
/// </summary>
public sealed class BindingOrderBatcher : IDisposable
{
    private readonly IWorkbenchScheduler _scheduler;
    private readonly Timer _flushTimer;
    private List<BindingOrder> _pending = new();

    public BindingOrderBatcher(IWorkbenchScheduler scheduler, TimeSpan flushInterval)
    {
        _scheduler = scheduler;
        _flushTimer = new Timer(_ => Flush(), null, flushInterval, flushInterval);
    }

    /// <summary>Called by the order API for each confirmed order.</summary>
    public void Add(BindingOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);

        lock (_pending)
        {
            _pending.Add(order);
        }
    }

    public void Flush()
    {
        List<BindingOrder> batch;

        lock (_pending)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            batch = _pending;
            _pending = new List<BindingOrder>();
        }

        batch.Sort(static (a, b) =>
        {
            var byStyle = a.Style.CompareTo(b.Style);
            return byStyle != 0 ? byStyle : b.PageCount.CompareTo(a.PageCount);
        });

        _scheduler.Schedule(batch);
    }

    public void Dispose()
    {
        _flushTimer.Dispose();
        Flush();
    }
}
