using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Blind53.TramDepots.WorkOrders;

/// <summary>
/// Generates 64-bit work-order numbers: 41 bits of milliseconds since the depot epoch,
/// 10 bits of depot number and a 12-bit per-millisecond sequence.
/// Registered as a singleton and used by every work-order endpoint.
/// </summary>
public sealed class WorkOrderIdGenerator
{
    private const int SequenceBits = 12;
    private const int DepotBits = 10;
    private const long SequenceMask = (1L << SequenceBits) - 1;
    private static readonly DateTimeOffset Epoch = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly long _depotNumber;
    private readonly TimeProvider _clock;
    private long _lastTimestamp = -1;
    private long _sequence;

    public WorkOrderIdGenerator(int depotNumber, TimeProvider clock)
    {
        if (depotNumber < 0 || depotNumber >= (1 << DepotBits))
        {
            throw new ArgumentOutOfRangeException(nameof(depotNumber));
        }

        _depotNumber = depotNumber;
        _clock = clock;
    }

    public long NextId()
    {
        long timestamp = CurrentMillis();
        if (timestamp == _lastTimestamp)
        {
            _sequence = (_sequence + 1) & SequenceMask;
            if (_sequence == 0)
            {
                timestamp = WaitForNextMillis(timestamp);
            }
        }
        else
        {
            _sequence = 0;
        }

        _lastTimestamp = timestamp;
        return (timestamp << (SequenceBits + DepotBits)) | (_depotNumber << SequenceBits) | _sequence;
    }

    private long CurrentMillis() => (long)(_clock.GetUtcNow() - Epoch).TotalMilliseconds;

    private long WaitForNextMillis(long last)
    {
        long now = CurrentMillis();
        while (now <= last)
        {
            Thread.SpinWait(50);
            now = CurrentMillis();
        }

        return now;
    }
}

public sealed record CreateWorkOrder(string TramNumber, string Fault, string ReportedBy);

public sealed record WorkOrder(long Id, string TramNumber, string Fault, string ReportedBy, DateTimeOffset OpenedAt);

public static class WorkOrderEndpoints
{
    public static IServiceCollection AddWorkOrders(this IServiceCollection services, int depotNumber)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new WorkOrderIdGenerator(depotNumber, sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    public static IEndpointRouteBuilder MapWorkOrders(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/work-orders", (CreateWorkOrder request, WorkOrderIdGenerator ids, TimeProvider clock) =>
        {
            var order = new WorkOrder(ids.NextId(), request.TramNumber, request.Fault, request.ReportedBy, clock.GetUtcNow());
            return Results.Created($"/work-orders/{order.Id}", order);
        });

        return endpoints;
    }
}
