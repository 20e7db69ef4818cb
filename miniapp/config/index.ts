import path from 'node:path';
import { constants } from 'node:zlib';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import CompressionPlugin from 'compression-webpack-plugin';
import devConfig from './dev';
import prodConfig from './prod';
import { contractConstants } from './contract';

const sharedSrc = path.resolve(__dirname, '../../shared/src');

// Taro only compiles its own src/; the workspace contract is TypeScript source, so it is
// compiled alongside (mini and h5 alike).
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'warmcity',
    date: '2025-1-1',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    // Build-time settings come only from TARO_APP_* (.env.* files); these constants are the
    // contract's route table and problem texts, computed from shared/ at build time so that
    // zod and the schemas stay out of the bundle (see src/api/routes.ts).
    defineConstants: contractConstants(),
    alias: {
      '@warmcity/shared': path.resolve(__dirname, '../../shared/src'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      optimizeMainPackage: { enable: true },
      compile: { include: [sharedSrc] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      // Served at / by the BFF (SPA fallback); basename stays the default '/'.
      router: { mode: 'browser' },
      compile: { include: [sharedSrc] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      // Taro's H5 runtime plus React is ~300 KB before gzip; warn only past our own budget.
      webpackChain(chain) {
        chain.performance.maxEntrypointSize(400 * 1024).maxAssetSize(400 * 1024);
        // Precompressed beside each asset so the BFF serves them without compressing per request
        // (see bff/src/platform/h5-app.ts); maximum levels cost build time only.
        if (process.env.NODE_ENV === 'production') {
          const test = /\.(js|css|svg|json)$/;
          chain
            .plugin('compress-gzip')
            .use(CompressionPlugin, [
              { test, algorithm: 'gzip', filename: '[path][base].gz', compressionOptions: { level: 9 } },
            ]);
          chain.plugin('compress-brotli').use(CompressionPlugin, [
            {
              test,
              algorithm: 'brotliCompress',
              filename: '[path][base].br',
              compressionOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } },
            },
          ]);
        }
      },
      devServer: {
        port: 10086,
        host: '127.0.0.1',
        proxy: [{ context: ['/api', '/healthz', '/readyz'], target: 'http://127.0.0.1:3000', changeOrigin: false }],
      },
    },
  };

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
