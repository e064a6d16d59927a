using System.Collections.Generic;

namespace Blind64.Lifeboat.Paging
{
    /// <summary>
    /// Tracks which volunteer crew members are on call for a lifeboat station.
    /// Registered as an app-wide singleton; the pager webhook and the crew app
    /// both call <see cref="CheckIn"/> and <see cref="CheckOut"/> concurrently.
    /// </summary>
    public sealed class OnCallRoster
    {
        private readonly object _gate = new();
        private readonly HashSet<string> _crew = new(StringComparer.OrdinalIgnoreCase);
        private int _onCallCount;

        public int MinimumCrew { get; }

        public OnCallRoster(int minimumCrew)
        {
            MinimumCrew = minimumCrew;
        }

        public bool CheckIn(string crewId)
        {
            lock (_gate)
            {
                if (!_crew.Add(crewId))
                {
                    return false;
                }

                _onCallCount++;
                return true;
            }
        }

        public bool CheckOut(string crewId)
        {
            bool removed;
            lock (_gate)
            {
                removed = _crew.Remove(crewId);
            }

            if (removed)
            {
                // Keep the summary counter in step with the set.
                _onCallCount--;
            }

            return removed;
        }

        public bool CanLaunch()
        {
            lock (_gate)
            {
                return _onCallCount >= MinimumCrew;
            }
        }

        public IReadOnlyList<string> Snapshot()
        {
            lock (_gate)
            {
                return _crew.OrderBy(c => c, StringComparer.OrdinalIgnoreCase).ToList();
            }
        }
    }

    /// <summary>Handles pager acknowledgements posted by the paging provider.</summary>
    public sealed class PagerAckHandler
    {
        private readonly OnCallRoster _roster;

        public PagerAckHandler(OnCallRoster roster) => _roster = roster;

        public string Handle(string crewId, bool available)
        {
            if (available)
            {
                _roster.CheckIn(crewId);
            }
            else
            {
                _roster.CheckOut(crewId);
            }

            return _roster.CanLaunch() ? "launch-ready" : "awaiting-crew";
        }
    }
}
