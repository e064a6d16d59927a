using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Blind39.Glassblowers.Furnace;

/// <summary>Connection to the studio's glory-hole and furnace controllers.</summary>
public sealed class FurnaceGateway
{
    private readonly string _endpoint;

    private FurnaceGateway(string endpoint) => _endpoint = endpoint;

    public static FurnaceGateway Connect(string endpoint)
    {
        // handshake with the controller hub
        Thread.Sleep(20);
        return new FurnaceGateway(endpoint);
    }

    public Task<double> ReadCelsiusAsync(string unit) =>
        Task.FromResult(unit.StartsWith("glory", StringComparison.Ordinal) ? 1090.0 : 1150.0);

    public override string ToString() => _endpoint;
}

/// <summary>
/// Shared access to the furnace hardware. Used by every bench tablet; the gateway is
/// opened on first use and the colour-rod lookup table is built once on demand.
/// </summary>
public sealed class StudioFurnaces
{
    private readonly Lazy<FurnaceGateway> _gateway;
    private IReadOnlyDictionary<string, double>? _strikingTemperatures;
    private bool _tableBuilt;
    private object? _tableLock;

    public StudioFurnaces(string endpoint)
    {
        _gateway = new Lazy<FurnaceGateway>(() => FurnaceGateway.Connect(endpoint), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public Task<double> GloryHoleCelsiusAsync(int bench) =>
        _gateway.Value.ReadCelsiusAsync($"glory-{bench}");

    public Task<double> FurnaceCelsiusAsync() => _gateway.Value.ReadCelsiusAsync("furnace");

    /// <summary>Temperature at which a colour rod strikes to its final hue.</summary>
    public double StrikingCelsius(string colourRod)
    {
        var table = LazyInitializer.EnsureInitialized(
            ref _strikingTemperatures, ref _tableBuilt, ref _tableLock, BuildStrikingTable);
        return table!.TryGetValue(colourRod, out var c) ? c : 540.0;
    }

    private static IReadOnlyDictionary<string, double> BuildStrikingTable() =>
        new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase)
        {
            ["gold-ruby"] = 580,
            ["selenium-red"] = 560,
            ["silver-yellow"] = 520,
            ["copper-ruby"] = 600,
        };

    public async Task<bool> ReadyForGatherAsync(int bench)
    {
        var hole = await GloryHoleCelsiusAsync(bench);
        var furnace = await FurnaceCelsiusAsync();
        return hole > 1000 && furnace > 1100;
    }
}
