using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Blind52.FerryTerminal.DeckSlots;

public sealed record VehicleBooking(string Registration, string SailingId, double LengthMetres, bool Hazardous);

public enum SlotDecision
{
    Accepted,
    NextSailing,
    Refused,
}

public interface IMarshalLink
{
    Task SendAsync(Guid requestId, VehicleBooking booking, CancellationToken ct);
}

/// <summary>
/// Asks the loading marshal to confirm a vehicle-deck slot for oversize or
/// hazardous vehicles. The check-in lanes call <see cref="RequestAsync"/>; the
/// marshal's handheld replies arrive on the link's receive thread through
/// <see cref="OnMarshalReply"/>. Requests time out if the marshal is busy.
/// </summary>
public sealed class DeckSlotConfirmations
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<SlotDecision>> _pending = new();
    private readonly IMarshalLink _link;

    public DeckSlotConfirmations(IMarshalLink link) => _link = link;

    public int Outstanding => _pending.Count;

    public async Task<SlotDecision> RequestAsync(VehicleBooking booking, TimeSpan timeout, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        var tcs = new TaskCompletionSource<SlotDecision>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = tcs;

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        using (cts.Token.Register(() =>
        {
            if (_pending.TryRemove(id, out var expired))
            {
                expired.TrySetCanceled();
            }
        }))
        {
            try
            {
                await _link.SendAsync(id, booking, cts.Token).ConfigureAwait(false);
            }
            catch
            {
                _pending.TryRemove(id, out _);
                throw;
            }

            return await tcs.Task.ConfigureAwait(false);
        }
    }

    public bool OnMarshalReply(Guid requestId, SlotDecision decision)
    {
        return _pending.TryRemove(requestId, out var tcs) && tcs.TrySetResult(decision);
    }
}

/// <summary>
/// Check-in lane workflow for vehicles that need a marshal's say-so.
/// </summary>
public sealed class CheckInLane
{
    private readonly DeckSlotConfirmations _confirmations;

    public CheckInLane(DeckSlotConfirmations confirmations) => _confirmations = confirmations;

    public async Task<string> CheckInAsync(VehicleBooking booking, CancellationToken ct)
    {
        if (booking.LengthMetres <= 6 && !booking.Hazardous)
        {
            return "Lane 3";
        }

        try
        {
            var decision = await _confirmations.RequestAsync(booking, TimeSpan.FromMinutes(2), ct).ConfigureAwait(false);
            return decision switch
            {
                SlotDecision.Accepted => "Lane 7 (marshalled)",
                SlotDecision.NextSailing => "Rebooked on next sailing",
                _ => "Refused at check-in",
            };
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return "Wait in holding area";
        }
    }
}
