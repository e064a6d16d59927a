namespace MusicSchool.PracticeRooms
{
    public sealed record RoomBooking(Guid Id, string RoomCode, string StudentId, DateTime Start, DateTime End);

    public interface IBookingRepository
    {
        Task SaveAsync(RoomBooking booking, CancellationToken ct);
        Task<IReadOnlyList<RoomBooking>> LoadDayAsync(DateOnly day, CancellationToken ct);
    }

    /// <summary>
    /// In-memory view of today's practice-room bookings, backed by the repository.
    /// Registered as a singleton; the student booking page and the front-desk
    /// kiosk call <see cref="BookAsync"/> concurrently.
    /// </summary>
    public sealed class PracticeRoomBookingService
    {
        private readonly IBookingRepository _repository;
        private readonly object _sync = new();
        private readonly List<RoomBooking> _today = new();
        private readonly HashSet<string> _studentsWithBooking = new();

        public PracticeRoomBookingService(IBookingRepository repository) => _repository = repository;

        public async Task InitializeAsync(CancellationToken ct)
        {
            var existing = await _repository.LoadDayAsync(DateOnly.FromDateTime(DateTime.Today), ct);
            lock (_sync)
            {
                _today.Clear();
                _today.AddRange(existing);
                foreach (var b in existing)
                {
                    _studentsWithBooking.Add(b.StudentId);
                }
            }
        }

        public async Task<RoomBooking?> BookAsync(string roomCode, string studentId, DateTime start, TimeSpan length, CancellationToken ct)
        {
            var end = start + length;

            lock (_sync)
            {
                if (_studentsWithBooking.Contains(studentId))
                {
                    return null;
                }

                foreach (var b in _today)
                {
                    if (b.RoomCode == roomCode && b.Start < end && start < b.End)
                    {
                        return null;
                    }
                }

                _studentsWithBooking.Add(studentId);
            }

            var booking = new RoomBooking(Guid.NewGuid(), roomCode, studentId, start, end);
            await _repository.SaveAsync(booking, ct).ConfigureAwait(false);

            _today.Add(booking);
            return booking;
        }

        public IReadOnlyList<RoomBooking> RoomSchedule(string roomCode)
        {
            lock (_sync)
            {
                return _today.Where(b => b.RoomCode == roomCode).OrderBy(b => b.Start).ToList();
            }
        }

        public bool Cancel(Guid bookingId)
        {
            lock (_sync)
            {
                var index = _today.FindIndex(b => b.Id == bookingId);
                if (index < 0)
                {
                    return false;
                }

                _studentsWithBooking.Remove(_today[index].StudentId);
                _today.RemoveAt(index);
                return true;
            }
        }
    }
}
