using Forklift.Dispatch;
using Forklift.Workers;

namespace Forklift.Runtime.Tests;

/// <summary>
/// The runtime settings a worker starts with (<see cref="WorkerRuntimeSettings"/>): workstation GC and 1 MiB GC
/// regions, unless the app chose otherwise; checked in a real worker through what its GC reports it runs with.
/// </summary>
public sealed class WorkerRuntimeSettingsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_worker_runs_with_1_MiB_GC_regions_and_workstation_GC()
    {
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1 });

        string? regionSize = await pool.InvokeAsync(SharedMemoryMethods.GcSetting, "GCRegionSize").WaitAsync(Wait);
        string? server = await pool.InvokeAsync(SharedMemoryMethods.GcSetting, "ServerGC").WaitAsync(Wait);

        Assert.Equal("1048576", regionSize);
        Assert.Equal("False", server);
    }

    [Fact]
    public async Task The_apps_own_region_size_for_its_workers_wins()
    {
        var options = new WorkerPoolOptions { Workers = 1 };
        options.EnvironmentVariables[WorkerRuntimeSettings.RegionSizeVariable] = "0x200000";
        await using var pool = new WorkerPool(options);

        string? regionSize = await pool.InvokeAsync(SharedMemoryMethods.GcSetting, "GCRegionSize").WaitAsync(Wait);

        Assert.Equal("2097152", regionSize);
    }

    [Fact]
    public void A_region_size_the_parent_runs_with_is_inherited_rather_than_replaced()
    {
        static object? NoData(string name) => null;

        Dictionary<string, string?> fresh = WorkerRuntimeSettings.Defaults(_ => null, NoData);
        Dictionary<string, string?> fromEnvironment = WorkerRuntimeSettings.Defaults(name => name == WorkerRuntimeSettings.RegionSizeVariable ? "0x400000" : null, NoData);
        Dictionary<string, string?> fromLegacyEnvironment = WorkerRuntimeSettings.Defaults(name => name == "COMPlus_GCRegionSize" ? "0x400000" : null, NoData);
        Dictionary<string, string?> fromRuntimeConfig = WorkerRuntimeSettings.Defaults(_ => null, name => name == "System.GC.RegionSize" ? 4194304 : null);

        Assert.Equal(WorkerRuntimeSettings.RegionSize, fresh[WorkerRuntimeSettings.RegionSizeVariable]);
        Assert.False(fromEnvironment.ContainsKey(WorkerRuntimeSettings.RegionSizeVariable));
        Assert.False(fromLegacyEnvironment.ContainsKey(WorkerRuntimeSettings.RegionSizeVariable));
        Assert.False(fromRuntimeConfig.ContainsKey(WorkerRuntimeSettings.RegionSizeVariable));
        Assert.All(new[] { fresh, fromEnvironment, fromLegacyEnvironment, fromRuntimeConfig }, variables => Assert.Equal("0", variables["DOTNET_gcServer"]));
    }
}
