using System;
using System.Collections.Generic;
using System.Linq;

namespace Stockroom.Picking
{
    public sealed record PickTask(string TaskId, string Sku, string BinLocation, int Quantity)
    {
        public string? PickerId { get; init; }
        public int QuantityPicked { get; init; }
        public DateTime? CompletedUtc { get; init; }
    }

    /// <summary>
    /// Hands out pick tasks to handheld scanners and records their completion.
    /// Registered as a singleton in the warehouse API; each scanner session calls
    /// <see cref="AssignNext"/> and <see cref="Complete"/> on its own request thread.
    /// </summary>
    public sealed class PickAssignmentService
    {
        private readonly object _assignLock = new();
        private readonly object _completionLock = new();
        private readonly Queue<PickTask> _unassigned = new();
        private readonly Dictionary<string, PickTask> _inProgress = new(StringComparer.Ordinal);
        private readonly List<PickTask> _completed = new();

        public void Enqueue(IEnumerable<PickTask> wave)
        {
            // Tasks arrive already ordered by walking route through the aisles.
            lock (_assignLock)
            {
                foreach (var task in wave)
                    _unassigned.Enqueue(task);
            }
        }

        public PickTask? AssignNext(string pickerId)
        {
            lock (_assignLock)
            {
                if (_unassigned.Count == 0)
                    return null;

                var task = _unassigned.Dequeue() with { PickerId = pickerId };
                _inProgress.Add(task.TaskId, task);
                return task;
            }
        }

        public bool Complete(string taskId, int quantityPicked)
        {
            lock (_completionLock)
            {
                if (!_inProgress.Remove(taskId, out var task))
                    return false;

                _completed.Add(task with { QuantityPicked = quantityPicked, CompletedUtc = DateTime.UtcNow });
                return true;
            }
        }

        public IReadOnlyList<PickTask> ShortPicks()
        {
            lock (_completionLock)
            {
                return _completed.Where(t => t.QuantityPicked < t.Quantity).ToList();
            }
        }

        public int PendingCount
        {
            get
            {
                lock (_assignLock)
                {
                    return _unassigned.Count;
                }
            }
        }
    }
}
