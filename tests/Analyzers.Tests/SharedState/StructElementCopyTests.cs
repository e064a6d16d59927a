using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// An element of the type's array that is a struct of several fields, copied whole without the lock its stores hold
/// (#9, set bd R04: restricted zones edited under the console's lock while telemetry threads copy them unlocked).
/// </summary>
public class StructElementCopyTests
{
    private static string Monitor(string elementType, string store, string read) => $$"""
        using System;

        public struct Zone
        {
            public double Latitude;
            public double Longitude;
            public double RadiusKm;
            public bool Active;
        }

        /// <summary>One instance is shared by the telemetry receivers and the console that edits zones.</summary>
        public sealed class ZoneMonitor
        {
            private readonly {{elementType}}[] _zones = new {{elementType}}[8];
            private readonly object _editLock = new();

            public void Update(int slot, double latitude, double longitude, double radiusKm)
            {
                lock (_editLock)
                {
                    {{store}}
                }
            }

            public int? Find(double latitude, double longitude)
            {
                for (var i = 0; i < _zones.Length; i++)
                {
                    {{read}}
                }

                return null;
            }
        }
        """;

    private const string ZoneStore = "_zones[slot] = new Zone { Latitude = latitude, Longitude = longitude, RadiusKm = radiusKm, Active = true };";

    [Fact]
    public Task Struct_element_copied_without_the_lock_its_stores_hold_is_flagged()
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync(
            Monitor("Zone", ZoneStore, """
                var zone = {|#0:_zones[i]|};
                                if (zone.Active && Math.Abs(zone.Latitude - latitude) + Math.Abs(zone.Longitude - longitude) <= zone.RadiusKm) return i;
                """).Replace("class ZoneMonitor", "class {|#1:ZoneMonitor|}"),
            CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_zones", "read", "_editLock", "in 'Update' (1 of 2 accesses)",
                "'Find' may run on several threads at once: 'ZoneMonitor' synchronizes its own state ('Update' locks '_editLock'); an element is a 'Zone' of several fields, copied one field at a time, so the copy can mix two updates"));

    [Fact]
    public Task Struct_element_copied_under_the_lock_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Monitor("Zone", ZoneStore, """
            Zone zone;
                            lock (_editLock) { zone = _zones[i]; }
                            if (zone.Active && Math.Abs(zone.Latitude - latitude) <= zone.RadiusKm) return i;
            """));

    [Fact]
    public Task Element_of_one_word_read_without_the_lock_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Monitor("double", "_zones[slot] = radiusKm;", """
            var radius = _zones[i];
                            if (Math.Abs(latitude) + Math.Abs(longitude) <= radius) return i;
            """));
}
