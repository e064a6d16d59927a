using System.Collections.Generic;

namespace Observatory.Scheduling
{
    /// <summary>
    /// A block of telescope time requested by an observing programme.
    /// </summary>
    public sealed record ObservationSlot(string SlotId, string ProgrammeId, DateTime StartUtc, TimeSpan Duration, string Instrument);

    /// <summary>
    /// Holds the night's observation queue for the main telescope.
    /// Registered as a singleton; the scheduling API controllers and the
    /// dome controller callback call into it concurrently.
    /// </summary>
    public sealed class ObservationQueue
    {
        private readonly object _gate = new();
        private readonly Dictionary<string, ObservationSlot> _slots = new();
        private readonly Dictionary<string, int> _minutesByProgramme = new();

        public bool TryReserve(ObservationSlot slot)
        {
            lock (_gate)
            {
                foreach (var existing in _slots.Values)
                {
                    if (existing.Instrument == slot.Instrument && Overlaps(existing, slot))
                    {
                        return false;
                    }
                }

                _slots.Add(slot.SlotId, slot);
                _minutesByProgramme.TryGetValue(slot.ProgrammeId, out var used);
                _minutesByProgramme[slot.ProgrammeId] = used + (int)slot.Duration.TotalMinutes;
                return true;
            }
        }

        public bool Cancel(string slotId)
        {
            if (!_slots.TryGetValue(slotId, out var slot))
            {
                return false;
            }

            _slots.Remove(slotId);

            lock (_gate)
            {
                _minutesByProgramme[slot.ProgrammeId] -= (int)slot.Duration.TotalMinutes;
            }

            return true;
        }

        public int MinutesUsed(string programmeId)
        {
            lock (_gate)
            {
                return _minutesByProgramme.TryGetValue(programmeId, out var used) ? used : 0;
            }
        }

        public IReadOnlyList<ObservationSlot> Tonight()
        {
            lock (_gate)
            {
                var list = new List<ObservationSlot>(_slots.Values);
                list.Sort((a, b) => a.StartUtc.CompareTo(b.StartUtc));
                return list;
            }
        }

        private static bool Overlaps(ObservationSlot a, ObservationSlot b)
        {
            return a.StartUtc < b.StartUtc + b.Duration && b.StartUtc < a.StartUtc + a.Duration;
        }
    }

    /// <summary>
    /// Handles the weather-closure notification from the dome controller by
    /// cancelling every slot that falls inside the closure window.
    /// </summary>
    public sealed class DomeClosureHandler
    {
        private readonly ObservationQueue _queue;

        public DomeClosureHandler(ObservationQueue queue) => _queue = queue;

        public Task OnClosureAsync(DateTime fromUtc, DateTime toUtc, CancellationToken ct)
        {
            return Task.Run(() =>
            {
                foreach (var slot in _queue.Tonight())
                {
                    ct.ThrowIfCancellationRequested();
                    if (slot.StartUtc >= fromUtc && slot.StartUtc < toUtc)
                    {
                        _queue.Cancel(slot.SlotId);
                    }
                }
            }, ct);
        }
    }
}
