namespace Blind64.Glacier.Sensors
{
    /// <summary>Link to a borehole thermistor string drilled into the glacier tongue.</summary>
    public sealed class ThermistorLink
    {
        private readonly string _host;
        private readonly int _depthCount;
        private readonly double[] _calibration;

        public ThermistorLink(string host, int depthCount)
        {
            _host = host;
            _depthCount = depthCount;
            _calibration = new double[depthCount];
        }

        public void LoadCalibration(Func<int, double> offsetForDepth)
        {
            for (var i = 0; i < _depthCount; i++)
            {
                _calibration[i] = offsetForDepth(i);
            }
        }

        public double ReadTemperature(int depthIndex, double raw) => raw + _calibration[depthIndex];

        public override string ToString() => $"{_host} ({_depthCount} depths)";
    }

    /// <summary>
    /// Opens the thermistor link on first use. Called from the hourly ingest job and from
    /// dashboard requests on arbitrary threads.
    /// </summary>
    public sealed class ThermistorLinkProvider
    {
        private readonly object _initLock = new();
        private readonly string _host;
        private readonly Func<int, double> _calibrationSource;
        private ThermistorLink? _link;

        public ThermistorLinkProvider(string host, Func<int, double> calibrationSource)
        {
            _host = host;
            _calibrationSource = calibrationSource;
        }

        public ThermistorLink Link
        {
            get
            {
                var link = Volatile.Read(ref _link);
                if (link is not null)
                {
                    return link;
                }

                lock (_initLock)
                {
                    link = _link;
                    if (link is null)
                    {
                        var created = new ThermistorLink(_host, depthCount: 24);
                        created.LoadCalibration(_calibrationSource);
                        Volatile.Write(ref _link, created);
                        link = created;
                    }

                    return link;
                }
            }
        }
    }

    public sealed class BoreholeIngestJob
    {
        private readonly ThermistorLinkProvider _provider;

        public BoreholeIngestJob(ThermistorLinkProvider provider) => _provider = provider;

        public double[] Convert(double[] rawByDepth)
        {
            var link = _provider.Link;
            var result = new double[rawByDepth.Length];
            for (var i = 0; i < rawByDepth.Length; i++)
            {
                result[i] = link.ReadTemperature(i, rawByDepth[i]);
            }

            return result;
        }
    }
}
