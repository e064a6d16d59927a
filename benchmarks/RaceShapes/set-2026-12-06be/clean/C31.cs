using System.Collections.Concurrent;

namespace Blind57.Farriers.Visits;

public enum VisitStage { Requested, Scheduled, Shod, Invoiced, Paid, Cancelled }

public sealed record VisitState(Guid VisitId, VisitStage Stage, string? Farrier, decimal Amount, int Version);

public abstract record VisitMessage(Guid VisitId);
public sealed record VisitRequested(Guid VisitId, string Yard, int Horses) : VisitMessage(VisitId);
public sealed record FarrierAssigned(Guid VisitId, string Farrier) : VisitMessage(VisitId);
public sealed record HorsesShod(Guid VisitId, int Horses, decimal PricePerHorse) : VisitMessage(VisitId);
public sealed record PaymentReceived(Guid VisitId, decimal Amount) : VisitMessage(VisitId);
public sealed record VisitCancelled(Guid VisitId) : VisitMessage(VisitId);

/// <summary>
/// Orchestrates each shoeing visit from request to payment. The message bus delivers messages
/// for different visits concurrently, and may deliver two messages for the same visit at once.
/// </summary>
public sealed class ShoeingVisitOrchestrator
{
    private sealed class Slot
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public VisitState State;
        public Slot(Guid id) => State = new VisitState(id, VisitStage.Requested, null, 0m, 0);
    }

    private readonly ConcurrentDictionary<Guid, Slot> _visits = new();
    private readonly Func<string, string, CancellationToken, Task> _notify;

    public ShoeingVisitOrchestrator(Func<string, string, CancellationToken, Task> notify) => _notify = notify;

    public async Task HandleAsync(VisitMessage message, CancellationToken ct)
    {
        var slot = _visits.GetOrAdd(message.VisitId, id => new Slot(id));
        await slot.Gate.WaitAsync(ct);
        try
        {
            var next = await TransitionAsync(slot.State, message, ct);
            Volatile.Write(ref slot.State, next);
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    public VisitState? GetState(Guid visitId) =>
        _visits.TryGetValue(visitId, out var slot) ? Volatile.Read(ref slot.State) : null;

    private async Task<VisitState> TransitionAsync(VisitState state, VisitMessage message, CancellationToken ct)
    {
        switch (message)
        {
            case VisitRequested r when state.Stage == VisitStage.Requested && state.Version == 0:
                await _notify("office", $"New visit to {r.Yard} for {r.Horses} horses", ct);
                return state with { Version = state.Version + 1 };

            case FarrierAssigned a when state.Stage is VisitStage.Requested:
                await _notify(a.Farrier, $"You have been booked for visit {state.VisitId}", ct);
                return state with { Stage = VisitStage.Scheduled, Farrier = a.Farrier, Version = state.Version + 1 };

            case HorsesShod s when state.Stage == VisitStage.Scheduled:
                var amount = s.Horses * s.PricePerHorse;
                await _notify("accounts", $"Invoice {state.VisitId}: {amount:C}", ct);
                return state with { Stage = VisitStage.Invoiced, Amount = amount, Version = state.Version + 1 };

            case PaymentReceived p when state.Stage == VisitStage.Invoiced && p.Amount >= state.Amount:
                return state with { Stage = VisitStage.Paid, Version = state.Version + 1 };

            case VisitCancelled when state.Stage is VisitStage.Requested or VisitStage.Scheduled:
                if (state.Farrier is not null) await _notify(state.Farrier, $"Visit {state.VisitId} cancelled", ct);
                return state with { Stage = VisitStage.Cancelled, Version = state.Version + 1 };

            default:
                return state;
        }
    }
}
