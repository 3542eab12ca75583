namespace DarkSide.Monitor.Demo;

/// <summary>
/// Generates a deterministic DarkSide-20k job history by stepping through time minute by minute: tasks open and
/// fill up, jobs are created in time order (so PandaIDs grow with creationtime, as in PanDA), failed jobs are
/// retried with a new PandaID once archived. The same seed and settings always give the same history.
/// </summary>
public sealed class DemoHistory(DemoSettings settings)
{
    private const int MaxAttempts = 3;
    private const int OpenTasks = 40;

    private readonly Random _random = new(settings.Seed);
    private bool _hasBlindReconstruction;
    private readonly List<DemoTask> _open = [];
    private readonly PriorityQueue<DemoJob, DateTime> _retries = new();
    private long _nextPandaId = settings.FirstPandaId;
    private long _nextTaskId = settings.FirstJediTaskId;
    private long _nextDatasetId = 1;
    private int _runNumber = 12000;

    public List<DemoTask> Tasks { get; } = [];

    /// <summary>
    /// All job attempts, oldest first. Tasks are added to <see cref="Tasks"/> as jobs reference them.
    /// </summary>
    public IEnumerable<DemoJob> Jobs()
    {
        var start = settings.NowUtc.AddDays(-settings.Days);
        var perMinute = settings.JobsPerDay / 1440.0;
        for (var minute = start; minute < settings.NowUtc; minute = minute.AddMinutes(1))
        {
            while (_retries.TryPeek(out _, out var due) && due < minute.AddMinutes(1))
            {
                var failed = _retries.Dequeue();
                yield return NewJob(failed.Task, failed.Serial, due, failed);
            }

            // A gentle day/night rhythm: users submit more during European working hours.
            var rate = perMinute * (1 + 0.25 * Math.Sin((minute.Hour - 9) / 24.0 * 2 * Math.PI));
            var count = Poisson(rate);
            for (var i = 0; i < count; i++)
            {
                var created = minute.AddSeconds(_random.Next(60));
                var task = PickTask(created);
                yield return NewJob(task, task.CreatedJobs++, created, retryOf: null);
                if (task.CreatedJobs >= task.PlannedJobs)
                {
                    _open.Remove(task);
                }
            }
        }
    }

    private DemoTask PickTask(DateTime now)
    {
        if (_open.Count < OpenTasks)
        {
            var task = NewTask(now);
            _open.Add(task);
            Tasks.Add(task);
            return task;
        }

        return _open[_random.Next(_open.Count)];
    }

    private DemoTask NewTask(DateTime created)
    {
        var kind = Pick(DemoCatalog.Kinds, k => k.Share);
        var user =
            kind.ProdSourceLabel == "managed"
                ? DemoCatalog.ProductionUser
                : DemoCatalog.Users[_random.Next(DemoCatalog.Users.Count)];
        var id = _nextTaskId++;
        var version = 1 + _random.Next(4);
        // A minority of reconstruction (detector runs still under blinding) and analysis of them is blind.
        // The first reconstruction is always blind, so even a small demo or test database has blind data to guard.
        var blind = kind.Name switch
        {
            "reconstruction" => _random.NextDouble() < 0.2 || !_hasBlindReconstruction,
            "analysis" => _random.NextDouble() < 0.08,
            _ => false,
        };
        _hasBlindReconstruction |= blind && kind.Name == "reconstruction";
        var dataScope = blind ? DemoCatalog.BlindScope : "data";
        var run = _runNumber += 1 + _random.Next(3);
        string taskName,
            output;
        string? input;
        switch (kind.Name)
        {
            case "simulation":
                var sample = new[] { "ar39_tpc", "neutron_pmt", "gamma_cryostat", "wimp_100gev", "rn222_chain" }[
                    _random.Next(5)
                ];
                taskName = $"ds20k.sim.{sample}.v{version}.{id}";
                input = $"mc:mc.ds20k.{sample}.g4ds_cfg.v{version}";
                output = $"mc:mc.ds20k.{sample}.g4ds.v{version}.sim.{id}";
                break;
            case "reconstruction":
                taskName = $"ds20k.run{run:D6}.reco.v{version}";
                input = $"{dataScope}:{dataScope}.ds20k.run{run:D6}.raw";
                output = $"{dataScope}:{dataScope}.ds20k.run{run:D6}.reco.v{version}.{id}";
                break;
            default:
                var study = new[] { "pulse_shape", "s1s2_calib", "fiducial_cut", "psd_training", "light_yield" }[
                    _random.Next(5)
                ];
                var scope = $"user.{user.Id}";
                taskName = $"{scope}.{study}.{id}";
                // A test is `prun --noBuild` without inputs: PanDA leaves every dataset column of its jobs NULL.
                input =
                    kind.Name == "test" ? null
                    : blind ? $"{dataScope}:{dataScope}.ds20k.run{run:D6}.reco.v2"
                    : $"data:data.ds20k.run{run - 40:D6}.reco.v2";
                output = $"{scope}:{scope}.{study}.{id}.out";
                break;
        }

        var task = new DemoTask
        {
            JediTaskId = id,
            TaskName = taskName,
            Kind = kind,
            User = user,
            Created = created.AddMinutes(-1 - _random.Next(10)),
            PlannedJobs = kind.MinJobs + _random.Next(kind.MaxJobs - kind.MinJobs + 1),
            IsBlind = blind,
            InputDataset = input,
            HasDatasets = kind.Name != "test",
            OutputDataset = output,
            LogDataset = $"{DemoTask.ScopeOf(output)}:{DemoTask.NameOf(output)}.log",
            FirstDatasetId = _nextDatasetId,
            Priority = kind.ProdSourceLabel == "managed" ? 900 : 1000 - _random.Next(100),
            ReqId = kind.ProdSourceLabel == "managed" ? 100 + id % 50 : null,
        };
        _nextDatasetId += 3;
        return task;
    }

    /// <summary>
    /// Most jobs stay well inside their memory request; a few per cent swell to 1.3-2.1 times the usual PSS.
    /// </summary>
    private static double PssFactor(double draw) => draw < 0.96 ? 0.7 + 0.5 * draw / 0.96 : 1.3 + (draw - 0.96) * 20;

    private DemoJob NewJob(DemoTask task, int serial, DateTime created, DemoJob? retryOf)
    {
        var kind = task.Kind;
        var site = Pick(DemoCatalog.Sites, s => s.Weight);
        var activated = created.AddSeconds(30 + _random.Next(540));
        var queued = TimeSpan.FromMinutes(Math.Min(2880, LogNormal(kind.ProdSourceLabel == "managed" ? 20 : 6, 1.0)));
        var plannedStart = activated + queued;
        var plannedWall = TimeSpan.FromMinutes(Math.Max(2, LogNormal(kind.MeanWallMinutes, 0.5)));
        var outcome = _random.NextDouble();
        var failRate = kind.Name == "test" ? 0.15 : 0.08;

        DateTime? start = plannedStart,
            end;
        string status;
        string? subStatus = null;
        DemoError? error = null;
        (int, string)? kill = null;
        var pss = (long)(kind.Cores * kind.PssPerCoreGb * PssFactor(_random.NextDouble()) * 1024 * 1024);
        if (outcome < 0.03)
        {
            var reason = DemoCatalog.Kills[_random.Next(DemoCatalog.Kills.Count)];
            (status, subStatus, kill) = (reason.Status, reason.SubStatus, (reason.Code, reason.Diagnostic));
            var killedAt = created + (queued + plannedWall) * _random.NextDouble();
            start = killedAt > plannedStart ? plannedStart : null;
            end = killedAt;
        }
        else if (outcome < 0.03 + failRate)
        {
            status = "failed";
            error = Pick(DemoCatalog.Failures, e => e.Weight);
            end = plannedStart + plannedWall * (0.05 + 0.95 * _random.NextDouble());
            if (error.Code is 1212 or 1235)
            {
                pss = (long)(pss * 1.8);
            }
        }
        else
        {
            status = "finished";
            end = plannedStart + plannedWall;
        }

        var wall = start is { } s && end is { } e ? (e - s).TotalSeconds : 0;
        var job = new DemoJob
        {
            PandaId = _nextPandaId++,
            Task = task,
            Serial = serial,
            AttemptNr = (retryOf?.AttemptNr ?? 0) + 1,
            RetryOf = retryOf?.PandaId,
            OriginPandaId = retryOf?.OriginPandaId ?? _nextPandaId - 1,
            Site = site,
            Created = created,
            Activated = activated,
            Start = start,
            End = end,
            // killJob archives at once; the Adder takes minutes after the pilot's final update.
            Archived = kill is not null
                ? end!.Value.AddSeconds(5)
                : end!.Value + TimeSpan.FromSeconds(60 + _random.Next(900)),
            FinalStatus = status,
            FinalSubStatus = subStatus,
            Error = error,
            Kill = kill,
            Cores = kind.Cores,
            CpuSeconds = Math.Floor(wall * kind.Cores * (0.55 + 0.42 * _random.NextDouble())),
            MaxPssKb = pss,
            AvgPssKb = (long)(pss * (0.6 + 0.25 * _random.NextDouble())),
            NEvents =
                status == "finished"
                    ? kind.Name switch
                    {
                        "simulation" => 1000 + _random.Next(4000),
                        "reconstruction" => 20_000 + _random.Next(80_000),
                        _ => 5000 + _random.Next(200_000),
                    }
                    : 0,
            InputBytes = kind.Name switch
            {
                "simulation" => 10_000_000L + _random.Next(5_000_000),
                "reconstruction" => 2_000_000_000L + _random.Next(2_000_000_000),
                _ => 500_000_000L + _random.Next(1_500_000_000),
            },
            OutputBytes =
                status == "finished"
                    ? kind.Name switch
                    {
                        "analysis" or "test" => 10_000_000L + _random.Next(190_000_000),
                        _ => 300_000_000L + _random.Next(1_700_000_000),
                    }
                    : 0,
            WorkerNode =
                $"wn-{_random.Next(1, 40):D2}-{_random.Next(1, 64):D2}."
                + site.ComputingElement[(site.ComputingElement.IndexOf('.') + 1)..],
            BatchId = 4_000_000 + _random.Next(9_000_000),
        };

        task.LastActivity = job.Archived > task.LastActivity ? job.Archived : task.LastActivity;
        if (status == "failed" && job.AttemptNr < MaxAttempts)
        {
            var due = job.Archived.AddMinutes(2 + _random.Next(30));
            if (due < settings.NowUtc)
            {
                job.WillBeRetried = true;
                _retries.Enqueue(job, due);
            }
        }

        if (!job.WillBeRetried && job.Archived <= settings.NowUtc)
        {
            task.SettledFiles++;
            if (status == "finished")
            {
                task.FinishedFiles++;
            }
            else
            {
                task.FailedFiles++;
            }
        }

        return job;
    }

    private T Pick<T>(IReadOnlyList<T> items, Func<T, double> weight)
    {
        var roll = _random.NextDouble() * items.Sum(weight);
        foreach (var item in items)
        {
            roll -= weight(item);
            if (roll < 0)
            {
                return item;
            }
        }

        return items[^1];
    }

    private double LogNormal(double median, double sigma) =>
        median
        * Math.Exp(
            sigma * Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble())
        );

    private int Poisson(double mean)
    {
        // Knuth's method is fine for the small per-minute means used here.
        var limit = Math.Exp(-mean);
        var k = 0;
        for (var p = _random.NextDouble(); p > limit; p *= _random.NextDouble())
        {
            k++;
        }

        return k;
    }
}

/// <summary>What to generate: a seed, a span of days ending at <see cref="NowUtc"/>, and a daily volume.</summary>
public sealed record DemoSettings(int Seed, int Days, int JobsPerDay, DateTime NowUtc)
{
    public long FirstPandaId { get; init; } = 6_100_000_000;
    public long FirstJediTaskId { get; init; } = 31_000;
}
