using System.Collections.Concurrent;

namespace Ferry.Boarding;

public sealed record GateCountBatch(string TerminalCode, int GateNumber, int Boardings, int Disembarkations);
public sealed record BatchAck(bool Accepted, long TerminalTotal);

/// <summary>
/// gRPC service implementation receiving passenger count batches from the ferry ticket gates.
/// A new instance is created for every call; calls from different terminals run in parallel.
/// </summary>
public sealed class GateCountService
{
    private static readonly ConcurrentDictionary<string, StrongBox<long>> TerminalTotals = new();
    private static long _fleetBoardings;
    private static long _fleetDisembarkations;

    private readonly TimeProvider _clock;

    public GateCountService(TimeProvider clock) => _clock = clock;

    public Task<BatchAck> ReportBatch(GateCountBatch request, CancellationToken ct)
    {
        if (request.Boardings < 0 || request.Disembarkations < 0)
            return Task.FromResult(new BatchAck(false, 0));

        var box = TerminalTotals.GetOrAdd(request.TerminalCode, _ => new StrongBox<long>());
        var terminalTotal = Interlocked.Add(ref box.Value, request.Boardings);

        Interlocked.Add(ref _fleetDisembarkations, request.Disembarkations);
        _fleetBoardings += request.Boardings;

        return Task.FromResult(new BatchAck(true, terminalTotal));
    }

    public Task<(long Boardings, long Disembarkations, DateTimeOffset AsOf)> FleetTotals(CancellationToken ct) =>
        Task.FromResult((Interlocked.Read(ref _fleetBoardings), Interlocked.Read(ref _fleetDisembarkations), _clock.GetUtcNow()));
}

public sealed class StrongBox<T>
{
    public T Value = default!;
}

public static class GateCountFormatting
{
    public static string Describe(GateCountBatch batch) =>
        $"{batch.TerminalCode} gate {batch.GateNumber}: +{batch.Boardings} / -{batch.Disembarkations}";

    public static string DescribeTotals(long boardings, long disembarkations, DateTimeOffset asOf) =>
        $"As of {asOf:HH:mm}: {boardings} boarded, {disembarkations} disembarked, {boardings - disembarkations} net";
}
