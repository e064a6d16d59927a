namespace MusicSchool.Studios
{
    public sealed record StudioBooking(Guid Id, string Studio, string TeacherId, DateTime Start, DateTime End);

    public interface IStudioBookingStore
    {
        Task InsertAsync(StudioBooking booking, CancellationToken ct);
        Task DeleteAsync(Guid id, CancellationToken ct);
    }

    /// <summary>
    /// Books recording studios for teachers. Registered as a singleton; the
    /// teacher portal and the admin office call it concurrently.
    /// </summary>
    public sealed class StudioBookingService
    {
        private readonly IStudioBookingStore _store;
        private readonly SemaphoreSlim _mutex = new(1, 1);
        private readonly List<StudioBooking> _bookings = new();

        public StudioBookingService(IStudioBookingStore store) => _store = store;

        public async Task<StudioBooking?> BookAsync(string studio, string teacherId, DateTime start, DateTime end, CancellationToken ct)
        {
            await _mutex.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                if (_bookings.Any(b => b.Studio == studio && b.Start < end && start < b.End))
                {
                    return null;
                }

                var booking = new StudioBooking(Guid.NewGuid(), studio, teacherId, start, end);
                await _store.InsertAsync(booking, ct).ConfigureAwait(false);
                _bookings.Add(booking);
                return booking;
            }
            finally
            {
                _mutex.Release();
            }
        }

        public async Task<bool> CancelAsync(Guid id, CancellationToken ct)
        {
            await _mutex.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                var index = _bookings.FindIndex(b => b.Id == id);
                if (index < 0)
                {
                    return false;
                }

                await _store.DeleteAsync(id, ct).ConfigureAwait(false);
                _bookings.RemoveAt(index);
                return true;
            }
            finally
            {
                _mutex.Release();
            }
        }

        public async Task<IReadOnlyList<StudioBooking>> ForTeacherAsync(string teacherId, CancellationToken ct)
        {
            await _mutex.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                return _bookings.Where(b => b.TeacherId == teacherId).OrderBy(b => b.Start).ToList();
            }
            finally
            {
                _mutex.Release();
            }
        }
    }
}
