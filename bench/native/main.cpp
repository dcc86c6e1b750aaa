// libtorch C++ peer of bench/Torch.Bench: the 1024x1024 float32 matmul (the "matmul >= 95% of
// C++" goal) and, as a floor for the per-op overhead goal, the same 16-element add loop. Same
// output format as the C# and Python benches:
//   RESULT impl=cpp case=... threads=... median=... unit=... min=... max=... n=...
//
//   torch_native_bench [all|add|matmul|threads]... [--repeats-scale X]
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

void report(const char* name, int threads, const std::vector<double>& samples, const char* unit) {
  std::vector<double> sorted = samples;
  std::sort(sorted.begin(), sorted.end());
  const size_t n = sorted.size();
  const double median = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  // OpenBLAS keeps its own thread pool, sized by OPENBLAS_NUM_THREADS (default: one per core).
  const char* blas = std::getenv("OPENBLAS_NUM_THREADS");
  std::printf("RESULT impl=cpp case=%s threads=%d blas=%s median=%.6g unit=%s min=%.6g max=%.6g n=%zu samples=", name,
              threads, blas && *blas ? blas : "default", median, unit, sorted.front(), sorted.back(), n);
  for (size_t i = 0; i < n; ++i) std::printf(i ? ",%.6g" : "%.6g", samples[i]);
  std::printf("\n");
  std::fflush(stdout);
}

// 100,000 adds of two 16-element float32 tensors; each result is freed as it goes out of scope.
void bench_add(int repeats, int threads) {
  const int ops = 100000;
  auto a = torch::randn({16});
  auto b = torch::randn({16});
  auto run = [&] {
    for (int i = 0; i < ops; ++i) {
      auto c = a.add(b);
      asm volatile("" : : "r"(c.unsafeGetTensorImpl()) : "memory");
    }
  };
  run();
  run();
  std::vector<double> samples;
  for (int r = 0; r < repeats; ++r) {
    auto t0 = Clock::now();
    run();
    samples.push_back(seconds_since(t0) * 1e9 / ops);
  }
  report("add", threads, samples, "ns/op");

  // The same adds with each result kept alive until 1,000 have accumulated, as the C# bench's
  // dispose scope (one per 1,000 ops) does: the fair floor for that pattern.
  std::vector<at::Tensor> held;
  held.reserve(1000);
  auto run_held = [&] {
    for (int i = 0; i < ops; i += 1000) {
      for (int j = 0; j < 1000; ++j) held.push_back(a.add(b));
      held.clear();
    }
  };
  run_held();
  run_held();
  samples.clear();
  for (int r = 0; r < repeats; ++r) {
    auto t0 = Clock::now();
    run_held();
    samples.push_back(seconds_since(t0) * 1e9 / ops);
  }
  report("add_held1000", threads, samples, "ns/op");
}

void bench_matmul(int repeats, int threads, const char* name) {
  const int64_t n = 1024;
  const double flops = 2.0 * n * n * n;
  auto a = torch::randn({n, n});
  auto b = torch::randn({n, n});
  for (int i = 0; i < 3; ++i) a.matmul(b);
  std::vector<double> samples;
  for (int r = 0; r < repeats; ++r) {
    auto t0 = Clock::now();
    { auto c = a.matmul(b); }
    samples.push_back(flops / seconds_since(t0) / 1e9);
  }
  report(name, threads, samples, "GFLOP/s");
}
}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> cases;
  double scale = 1.0;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--repeats-scale" && i + 1 < argc) {
      scale = std::atof(argv[++i]);
    } else if (arg == "all" || arg == "add" || arg == "matmul" || arg == "threads") {
      cases.push_back(arg);
    } else {
      std::fprintf(stderr, "usage: torch_native_bench [all|add|matmul|threads]... [--repeats-scale X]\n");
      return 2;
    }
  }
  if (cases.empty() || std::find(cases.begin(), cases.end(), "all") != cases.end()) cases = {"add", "matmul", "threads"};
  auto repeats = [&](int n) { return std::max(3, static_cast<int>(std::lround(n * scale))); };

  const int default_threads = at::get_num_threads();
  std::printf("# cpp: libtorch %s C++ API, at::get_num_threads()=%d\n", TORCH_VERSION, default_threads);
  for (const auto& c : cases) {
    if (c == "add") {
      bench_add(repeats(7), default_threads);
    } else if (c == "matmul") {
      bench_matmul(repeats(15), default_threads, "matmul");
    } else if (c == "threads") {
      for (int threads : {1, 2}) {
        at::set_num_threads(threads);
        bench_matmul(repeats(15), threads, "matmul_threads");
      }
      at::set_num_threads(default_threads);
    }
  }
  return 0;
}
