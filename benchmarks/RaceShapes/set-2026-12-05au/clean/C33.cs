using System.Collections.Concurrent;
using System.Collections.Generic;

namespace Blind47.AntiqueMaps.Sales;

public enum SaleStep
{
    Reserved,
    PaymentTaken,
    ProvenanceChecked,
    Shipped,
    Cancelled,
}

public sealed record SaleEvent(string SaleId, string StockNumber, SaleStep Step, string? Detail);

/// <summary>
/// Orchestrates the sale of a map: reserve, take payment, check provenance,
/// ship. Events for the same sale can arrive from the payment webhook, the
/// provenance service and the packing bench.
/// </summary>
public sealed class MapSaleSaga
{
    private sealed class SaleState
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public SaleStep Step = SaleStep.Reserved;
        public readonly List<string> History = new();
    }

    private readonly ConcurrentDictionary<string, SaleState> _sales = new();
    private readonly Func<SaleEvent, CancellationToken, Task> _notifyCustomer;

    public MapSaleSaga(Func<SaleEvent, CancellationToken, Task> notifyCustomer) => _notifyCustomer = notifyCustomer;

    public async Task<bool> HandleAsync(SaleEvent e, CancellationToken ct)
    {
        var state = _sales.GetOrAdd(e.SaleId, _ => new SaleState());
        await state.Gate.WaitAsync(ct);
        try
        {
            if (!IsAllowed(state.Step, e.Step))
            {
                state.History.Add($"{DateTime.UtcNow:O} ignored {e.Step} while {state.Step}");
                return false;
            }

            await _notifyCustomer(e, ct);
            state.Step = e.Step;
            state.History.Add($"{DateTime.UtcNow:O} {e.Step} {e.Detail}");
            return true;
        }
        finally
        {
            state.Gate.Release();
        }
    }

    public async Task<(SaleStep Step, IReadOnlyList<string> History)?> DescribeAsync(string saleId, CancellationToken ct)
    {
        if (!_sales.TryGetValue(saleId, out var state))
        {
            return null;
        }

        await state.Gate.WaitAsync(ct);
        try
        {
            return (state.Step, state.History.ToArray());
        }
        finally
        {
            state.Gate.Release();
        }
    }

    private static bool IsAllowed(SaleStep current, SaleStep next) => (current, next) switch
    {
        (SaleStep.Reserved, SaleStep.PaymentTaken) => true,
        (SaleStep.PaymentTaken, SaleStep.ProvenanceChecked) => true,
        (SaleStep.ProvenanceChecked, SaleStep.Shipped) => true,
        (SaleStep.Reserved or SaleStep.PaymentTaken or SaleStep.ProvenanceChecked, SaleStep.Cancelled) => true,
        _ => false,
    };
}
