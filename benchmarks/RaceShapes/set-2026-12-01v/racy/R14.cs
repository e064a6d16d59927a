using System.Collections.Concurrent;

namespace Blind22.Couriers.Dispatch;

public sealed record Courier(string Id, string Name, double Lat, double Lon);

public sealed class DeliveryJob
{
    public DeliveryJob(string jobId, double pickupLat, double pickupLon)
    {
        JobId = jobId;
        PickupLat = pickupLat;
        PickupLon = pickupLon;
    }

    public string JobId { get; }
    public double PickupLat { get; }
    public double PickupLon { get; }
    public Courier? AssignedCourier { get; set; }
    public DateTimeOffset? AssignedAt { get; set; }

    internal TaskCompletionSource Assigned { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Matches waiting delivery jobs with free bike couriers. Order-intake calls
/// <see cref="SubmitAsync"/> and awaits the assignment; the GPS feed calls
/// <see cref="CourierAvailable"/> as riders finish drops.
/// </summary>
public sealed class CourierDispatcher
{
    private readonly ConcurrentQueue<DeliveryJob> _waiting = new();

    public async Task<(Courier Courier, DateTimeOffset At)> SubmitAsync(DeliveryJob job, CancellationToken ct)
    {
        _waiting.Enqueue(job);
        await job.Assigned.Task.WaitAsync(ct).ConfigureAwait(false);
        return (job.AssignedCourier!, job.AssignedAt!.Value);
    }

    public bool CourierAvailable(Courier courier)
    {
        if (!_waiting.TryDequeue(out var job))
        {
            return false;
        }

        job.Assigned.TrySetResult();
        job.AssignedCourier = courier;
        job.AssignedAt = DateTimeOffset.UtcNow;
        return true;
    }

    public static double DistanceKm(Courier c, DeliveryJob j)
    {
        const double R = 6371;
        var dLat = (j.PickupLat - c.Lat) * Math.PI / 180;
        var dLon = (j.PickupLon - c.Lon) * Math.PI / 180;
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) +
                Math.Cos(c.Lat * Math.PI / 180) * Math.Cos(j.PickupLat * Math.PI / 180) *
                Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * R * Math.Asin(Math.Sqrt(a));
    }
}
