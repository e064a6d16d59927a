namespace Blind64.Glacier.Telemetry
{
    /// <summary>Connection to a glacier ablation-stake gauge station over the field radio link.</summary>
    public sealed class GaugeConnection
    {
        private string? _endpoint;
        private int _sampleRateHz;

        public bool IsOpen => _endpoint is not null;

        public void Open(string endpoint, int sampleRateHz)
        {
            // Radio handshake happens here in the real driver.
            _sampleRateHz = sampleRateHz;
            _endpoint = endpoint;
        }

        public double ReadMeltRate()
        {
            if (_endpoint is null)
            {
                throw new InvalidOperationException("Gauge link not open.");
            }

            return 0.12 * _sampleRateHz;
        }
    }

    /// <summary>
    /// Opens the gauge link on first use. Shared by the hourly ingest job and the
    /// dashboard API, which call <see cref="GetConnection"/> from different threads.
    /// </summary>
    public sealed class GaugeConnectionProvider
    {
        private readonly object _initLock = new();
        private readonly string _endpoint;
        private GaugeConnection? _connection;

        public GaugeConnectionProvider(string endpoint) => _endpoint = endpoint;

        public GaugeConnection GetConnection()
        {
            var conn = _connection;
            if (conn is not null)
            {
                return conn;
            }

            lock (_initLock)
            {
                if (_connection is null)
                {
                    _connection = new GaugeConnection();
                    _connection.Open(_endpoint, sampleRateHz: 4);
                }

                return _connection;
            }
        }
    }

    public sealed class MeltRateDashboard
    {
        private readonly GaugeConnectionProvider _provider;

        public MeltRateDashboard(GaugeConnectionProvider provider) => _provider = provider;

        public string Describe()
        {
            var rate = _provider.GetConnection().ReadMeltRate();
            return $"Current melt rate {rate:F2} cm/day";
        }
    }
}
