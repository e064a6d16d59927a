using System.Collections.Concurrent;

namespace Subway.Faults;

public sealed record FaultReport(string StationCode, int GateNumber, string FaultCode);
public sealed record FaultReply(long TicketNumber, int OpenFaultsAtStation);

/// <summary>
/// gRPC service implementation for turnstile fault reporting. Instantiated per call;
/// state that must outlive the call is held in static members.
/// </summary>
public sealed class TurnstileFaultService
{
    private static long _nextTicket;
    private static readonly ConcurrentDictionary<string, ConcurrentDictionary<int, string>> OpenFaults = new();

    private readonly List<string> _callLog = new();

    public Task<FaultReply> Report(FaultReport request, CancellationToken ct)
    {
        _callLog.Add($"report {request.StationCode}/{request.GateNumber}");

        var ticket = Interlocked.Increment(ref _nextTicket);
        var station = OpenFaults.GetOrAdd(request.StationCode, _ => new ConcurrentDictionary<int, string>());
        station[request.GateNumber] = request.FaultCode;

        _callLog.Add($"ticket {ticket}");
        return Task.FromResult(new FaultReply(ticket, station.Count));
    }

    public Task<bool> Clear(string stationCode, int gateNumber, CancellationToken ct)
    {
        _callLog.Add($"clear {stationCode}/{gateNumber}");
        var cleared = OpenFaults.TryGetValue(stationCode, out var station) && station.TryRemove(gateNumber, out _);
        return Task.FromResult(cleared);
    }

    public IReadOnlyList<string> CallLog => _callLog;
}

public static class FaultCodes
{
    private static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        ["JAM"] = "Paddle jammed",
        ["RDR"] = "Card reader offline",
        ["PWR"] = "Power supply fault",
        ["NET"] = "Lost contact with station controller",
    };

    public static string Describe(string code) =>
        Descriptions.TryGetValue(code, out var text) ? text : $"Unknown fault {code}";

    public static bool RequiresEngineer(string code) => code is "PWR" or "NET";
}
