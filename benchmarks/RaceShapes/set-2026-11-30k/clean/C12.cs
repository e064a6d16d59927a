using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;

namespace Telemetry.Devices
{
    public sealed record DeviceInfo(string DeviceId, string Model, string FirmwareVersion, DateTimeOffset LastSeen);

    /// <summary>
    /// Registry of known field devices. Shared by the provisioning API, the
    /// MQTT ingest handlers (which call <see cref="Touch"/> for every message)
    /// and the firmware rollout job.
    /// </summary>
    public sealed class DeviceRegistry
    {
        private ImmutableDictionary<string, DeviceInfo> _devices =
            ImmutableDictionary.Create<string, DeviceInfo>(StringComparer.OrdinalIgnoreCase);

        public int Count => Volatile.Read(ref _devices).Count;

        public void Register(DeviceInfo device)
        {
            ImmutableInterlocked.AddOrUpdate(
                ref _devices,
                device.DeviceId,
                device,
                (_, existing) => existing with { Model = device.Model, FirmwareVersion = device.FirmwareVersion });
        }

        public void Touch(string deviceId, DateTimeOffset seenAt)
        {
            ImmutableInterlocked.Update(ref _devices, map =>
                map.TryGetValue(deviceId, out var info) && info.LastSeen < seenAt
                    ? map.SetItem(deviceId, info with { LastSeen = seenAt })
                    : map);
        }

        public bool Decommission(string deviceId) =>
            ImmutableInterlocked.TryRemove(ref _devices, deviceId, out _);

        public DeviceInfo? Find(string deviceId) =>
            Volatile.Read(ref _devices).TryGetValue(deviceId, out var info) ? info : null;

        public IReadOnlyList<DeviceInfo> StaleSince(DateTimeOffset cutoff)
        {
            var snapshot = Volatile.Read(ref _devices);
            return snapshot.Values.Where(d => d.LastSeen < cutoff).OrderBy(d => d.LastSeen).ToList();
        }

        public IReadOnlyList<DeviceInfo> RolloutCandidates(string model, string targetFirmware)
        {
            var snapshot = Volatile.Read(ref _devices);
            return snapshot.Values
                .Where(d => string.Equals(d.Model, model, StringComparison.OrdinalIgnoreCase))
                .Where(d => !string.Equals(d.FirmwareVersion, targetFirmware, StringComparison.Ordinal))
                .ToList();
        }
    }
}
