// `pnpm seed`: applies the demo data to the database at MONGODB_URI (e.g. the devdb that
// `pnpm dev` runs on port 27017).
import mongoose from 'mongoose';
import { seedDemo } from './index';

const uri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/warmcity?directConnection=true';
const connection = await mongoose.createConnection(uri).asPromise();
try {
  for (const line of await seedDemo(connection)) console.log(line);
} finally {
  await connection.close();
}
